/// Everything the client can fail with. Each case names the endpoint (a low-cardinality label
/// such as `orders` or `orders/{id}`) and, where there was an answer, its HTTP status.
///
/// No case carries request headers or the URL's credentials, so the bearer token can never
/// surface through an error or its description.
public indirect enum QTicketsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 401/403: the token is missing, wrong or revoked. Never retried.
    case tokenRejected(endpoint: String, status: Int)
    /// A non-2xx answer: the JSON error envelope's message, or a note that the body was an HTML page.
    case http(endpoint: String, status: Int, message: String)
    /// A 2xx answer with an empty body.
    case emptyBody(endpoint: String, status: Int)
    /// A body that is not JSON at all (HTML, truncated, garbage).
    case malformedBody(endpoint: String, status: Int, detail: String)
    /// Valid JSON that does not have the expected shape (e.g. no `data`).
    case decoding(endpoint: String, detail: String)
    /// A connection error or timeout before an answer arrived.
    case network(endpoint: String, detail: String)
    /// The answer was longer than the configured maximum (`limit` bytes, when known): refused
    /// while it streamed, never retried.
    case responseTooLarge(endpoint: String, limit: Int?)
    /// The retry budget (attempt count) ran out; `lastError` is the last attempt's error.
    case retriesExhausted(endpoint: String, attempts: Int, lastError: QTicketsError)
    /// The overall deadline of one logical request passed while retrying.
    case deadlineExceeded(endpoint: String, lastError: QTicketsError?)
    /// The configuration cannot work (bad base URL, empty token, …).
    case invalidConfiguration(String)
    /// A list answer that is not what was asked (another page, rows outside the filter, ids out
    /// of order): the API ignored the request body. Never retried: the run must stop.
    case filtersIgnored(endpoint: String, asked: String, got: String)
    /// A keyset page whose rows have no readable id: the cursor cannot move past `cursor`, and
    /// asking again would return the same page forever.
    case cursorStuck(endpoint: String, cursor: Int?, rows: Int)

    public var endpoint: String? {
        switch self {
        case .tokenRejected(let e, _), .http(let e, _, _), .emptyBody(let e, _), .malformedBody(let e, _, _),
            .decoding(let e, _), .network(let e, _), .responseTooLarge(let e, _), .retriesExhausted(let e, _, _), .deadlineExceeded(let e, _),
            .filtersIgnored(let e, _, _), .cursorStuck(let e, _, _):
            return e
        case .invalidConfiguration:
            return nil
        }
    }

    /// The HTTP status of the (last) answer, `nil` when none arrived.
    public var status: Int? {
        switch self {
        case .tokenRejected(_, let s), .http(_, let s, _), .emptyBody(_, let s), .malformedBody(_, let s, _):
            return s
        case .retriesExhausted(_, _, let last):
            return last.status
        case .deadlineExceeded(_, let last):
            return last?.status
        case .decoding, .network, .responseTooLarge, .invalidConfiguration, .filtersIgnored, .cursorStuck:
            return nil
        }
    }

    /// The resource does not exist (HTTP 404: the JSON envelope or an HTML page). A missing
    /// show's seats, for instance, is something a caller may skip rather than fail on.
    public var isNotFound: Bool { status == 404 }

    /// The token was rejected, directly or as the last error of a retried request.
    public var isTokenRejected: Bool {
        switch self {
        case .tokenRejected: return true
        case .retriesExhausted(_, _, let last): return last.isTokenRejected
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .tokenRejected(let e, let s): "QTickets API token rejected (HTTP \(s) on \(e)): check QTICKETS_API_TOKEN"
        case .http(let e, let s, let m): "QTickets API error on \(e): HTTP \(s): \(m)"
        case .emptyBody(let e, let s): "QTickets API returned an empty body on \(e) (HTTP \(s))"
        case .malformedBody(let e, let s, let d): "QTickets API returned a malformed body on \(e) (HTTP \(s)): \(d)"
        case .decoding(let e, let d): "Could not decode QTickets API answer on \(e): \(d)"
        case .network(let e, let d): "Network error talking to QTickets API on \(e): \(d)"
        case .responseTooLarge(let e, let limit):
            "QTickets API answer on \(e) is larger than " + (limit.map { "\($0) bytes (QTICKETS_API_MAX_RESPONSE_BYTES)" } ?? "the configured maximum")
        case .retriesExhausted(let e, let n, let last): "QTickets API request on \(e) failed after \(n) attempts; last error: \(last)"
        case .deadlineExceeded(let e, let last):
            "QTickets API request on \(e) exceeded its overall deadline" + (last.map { "; last error: \($0)" } ?? "")
        case .invalidConfiguration(let m): "Invalid QTickets API configuration: \(m)"
        case .filtersIgnored(let e, let asked, let got): "the API ignored the request filters on \(e): asked \(asked); got \(got)"
        case .cursorStuck(let e, let cursor, let rows):
            "QTickets API listing on \(e) cannot go on after id \(cursor.map(String.init) ?? "(start)"): none of the \(rows) row(s) of the next page has a readable id"
        }
    }
}
