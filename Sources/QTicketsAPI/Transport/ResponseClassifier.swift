import AsyncHTTPClient
import Foundation
import NIOCore

/// Turns answers and transport errors into `QTicketsError`s and decides which are worth retrying.
///
/// Retried: 429, 408, 5xx (not 501/505), timeouts, connection errors, empty or truncated bodies:
/// all can change on their own. Never retried: 401/403 (the token will not fix itself), 400, 404
/// and other 4xx, and valid JSON of the wrong shape: repeating the request gives the same answer.
enum ResponseClassifier {
    struct Failure: Error {
        var error: QTicketsError
        var retryable: Bool
        var retryAfter: Duration?
    }

    static func failure(for response: TransportResponse, endpoint: Endpoint, now: Date = Date()) -> Failure {
        let status = response.status
        let retryAfter = RetryAfter.parse(response.header("Retry-After"), now: now)
        let message = errorMessage(response)
        switch status {
        case 401, 403:
            return Failure(error: .tokenRejected(endpoint: endpoint.label, status: status), retryable: false, retryAfter: nil)
        case 408, 425, 429:
            return Failure(error: .http(endpoint: endpoint.label, status: status, message: message), retryable: true, retryAfter: retryAfter)
        case 501, 505:
            return Failure(error: .http(endpoint: endpoint.label, status: status, message: message), retryable: false, retryAfter: nil)
        case 500...599:
            return Failure(error: .http(endpoint: endpoint.label, status: status, message: message), retryable: true, retryAfter: retryAfter)
        default:
            return Failure(error: .http(endpoint: endpoint.label, status: status, message: message), retryable: false, retryAfter: nil)
        }
    }

    /// The JSON error envelope's message, or a short note for HTML pages, empty and other bodies.
    static func errorMessage(_ response: TransportResponse) -> String {
        let body = response.body
        guard body.readableBytes > 0 else { return "empty body" }
        if let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(body.readableBytesView)) {
            return envelope.summary
        }
        let text = String(decoding: body.readableBytesView.prefix(4096), as: UTF8.self)
        let contentType = response.header("Content-Type")?.lowercased() ?? ""
        if contentType.contains("html") || text.drop(while: \.isWhitespace).hasPrefix("<") {
            if let open = text.range(of: "<title>", options: .caseInsensitive),
                let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
            {
                return "HTML page: \(text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines))"
            }
            return "HTML page"
        }
        return "unexpected body (\(body.readableBytes) bytes)"
    }

    /// Classifies an error thrown while decoding a 2xx body.
    static func decodingFailure(_ error: any Error, endpoint: Endpoint, status: Int, bodyBytes: Int) -> Failure {
        if bodyBytes == 0 {
            return Failure(error: .emptyBody(endpoint: endpoint.label, status: status), retryable: true, retryAfter: nil)
        }
        if let decoding = error as? DecodingError, case .dataCorrupted(let context) = decoding, context.codingPath.isEmpty {
            // Not JSON at all: truncated by a proxy, an HTML page with status 200, garbage.
            return Failure(
                error: .malformedBody(endpoint: endpoint.label, status: status, detail: "not valid JSON (\(bodyBytes) bytes)"),
                retryable: true, retryAfter: nil
            )
        }
        return Failure(
            error: .decoding(endpoint: endpoint.label, detail: DecodingFailure.describe(error)), retryable: false, retryAfter: nil
        )
    }

    private static let permanentClientErrors: [HTTPClientError] = [
        .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .alreadyShutdown, .traceRequestWithBody,
        .identityCodingIncorrectlyPresent, .redirectLimitReached,
        .redirectCycleDetected, .invalidRedirectConfiguration, .invalidHTTPVersionConfiguration, .invalidProxyConfiguration,
        .invalidLocalAddress, .invalidDNSOverridesConfiguration,
    ]

    private static let timeouts: [HTTPClientError] = [
        .readTimeout, .writeTimeout, .connectTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
    ]

    /// Classifies an error thrown by the transport (no complete answer arrived).
    static func failure(forTransportError error: any Error, endpoint: Endpoint) -> Failure {
        if let clientError = error as? HTTPClientError {
            if permanentClientErrors.contains(clientError) {
                return Failure(error: .network(endpoint: endpoint.label, detail: "\(clientError)"), retryable: false, retryAfter: nil)
            }
            let detail = timeouts.contains(clientError) ? "timeout (\(clientError))" : "\(clientError)"
            return Failure(error: .network(endpoint: endpoint.label, detail: detail), retryable: true, retryAfter: nil)
        }
        if let tooLarge = error as? ResponseTooLarge {
            return Failure(error: .responseTooLarge(endpoint: endpoint.label, limit: tooLarge.limit), retryable: false, retryAfter: nil)
        }
        if error is NIOTooManyBytesError {
            return Failure(error: .responseTooLarge(endpoint: endpoint.label, limit: nil), retryable: false, retryAfter: nil)
        }
        if let qt = error as? QTicketsError {
            return Failure(error: qt, retryable: false, retryAfter: nil)
        }
        // NIO connection errors (refused, reset), HTTP parser errors on a cut body, …
        return Failure(error: .network(endpoint: endpoint.label, detail: "\(error)"), retryable: true, retryAfter: nil)
    }
}
