/// Counters of everything the fake saw, for tests and benchmarks to assert on.
public struct FakeServerStats: Sendable, Codable, Equatable {
    public var totalRequests = 0
    /// "events", "event", "orders", "order", "seats", "unknown" (HTML 404), "write".
    public var byRoute: [String: Int] = [:]
    /// Status codes answered (dropped connections have none: see `droppedConnections`).
    public var byStatus: [Int: Int] = [:]
    /// 429s of the server-side rate limit (requests above R per second).
    public var rejectedByRateLimit = 0
    /// 403s for a missing or wrong token.
    public var unauthorized = 0
    /// POST / PUT / PATCH / DELETE requests: the ingester must never send one.
    public var writeAttempts = 0
    public var injected429 = 0
    public var injected503 = 0
    public var droppedConnections = 0
    public var malformedPages = 0
    /// Requests that carried a query string (which the API ignores).
    public var requestsWithQueryString = 0
    /// Non-empty request bodies that were not JSON (treated as no body, like the real API).
    public var unparseableBodies = 0
    /// Order rows served in list pages (for serving-rate measurements).
    public var ordersServed = 0
    /// TCP connections accepted (few connections for many requests = keep-alive works).
    public var connectionsOpened = 0
    /// Most requests the server was handling at the same time (received, answer not yet
    /// fully written): observes a client's in-flight cap, best with added latency.
    public var maxConcurrentRequests = 0
    /// Response body bytes as they went out (after gzip), over the counted routes. Headers
    /// are not counted.
    public var bodyBytesSent = 0
    /// The same bodies before compression (equal to `bodyBytesSent` without gzip).
    public var bodyBytesUncompressed = 0
    public var bodyBytesSentByRoute: [String: Int] = [:]
    public var bodyBytesUncompressedByRoute: [String: Int] = [:]
    /// Responses sent with `Content-Encoding: gzip`.
    public var gzipResponses = 0
    /// Requests answered as if they had no body (`ignoreRequestBody`).
    public var bodiesIgnored = 0
    /// Churn rounds run, and the orders they changed by change ("scan", "refund", ...).
    public var churnRounds = 0
    public var churnedOrders: [String: Int] = [:]
    /// Orders rendered with a bad value (`badRecords`), counted each time served.
    public var badRecordsServed = 0
    /// `shows/{id}/seats` requests of failing shows answered 503, or never answered.
    public var seatFailures503 = 0
    public var seatTimeouts = 0
    /// Hostile answers on the orders listing, by kind ("huge-total", "huge-body", ...).
    public var hostileAnswers: [String: Int] = [:]

    public init() {}
}
