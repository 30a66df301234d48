/// What should go wrong, per run. Settable while the server runs (`setFaults`), which also
/// restarts the fault counters. Faults count only authorised API requests to `routes`
/// (1-based: request #1 is the first such request after the plan was set).
public struct FaultPlan: Sendable, Codable, Equatable {
    /// Requests `start ..< start+count` (1-based, among fault-eligible requests).
    public struct Burst: Sendable, Codable, Equatable {
        public var start: Int
        public var count: Int
        public init(start: Int, count: Int) {
            self.start = start
            self.count = count
        }
        func contains(_ n: Int) -> Bool { n >= start && n < start + count }
    }

    /// Write the body in chunks of `chunkBytes`, sleeping `delayMilliseconds` between them.
    public struct SlowBody: Sendable, Codable, Equatable {
        public var chunkBytes: Int
        public var delayMilliseconds: Int
        public init(chunkBytes: Int, delayMilliseconds: Int) {
            self.chunkBytes = max(1, chunkBytes)
            self.delayMilliseconds = max(0, delayMilliseconds)
        }
    }

    public enum MalformedMode: String, Sendable, Codable, CaseIterable {
        /// One order of the page has `"price": "abc"` (and so has its first ticket).
        case badPrice = "bad-price"
        /// One order of the page has no `id`.
        case missingID = "missing-id"
        /// The page's JSON is cut in half (a complete HTTP response with a broken body).
        case truncated
    }

    public static let none = FaultPlan()

    /// Route names faults apply to: "events", "event", "orders", "order", "seats". nil = all.
    public var routes: Set<String>?
    public var status429EveryN: Int?
    public var status429Burst: Burst?
    /// Sent with every injected 429 (not with the server-side limiter's, which says 1).
    public var retryAfterSeconds: Int
    /// Send `Retry-After` as an HTTP date (`Sun, 29 Nov 2026 01:02:03 GMT`) instead of seconds.
    public var retryAfterAsHTTPDate: Bool
    /// Send injected 429s without any `Retry-After`.
    public var omitRetryAfter: Bool
    public var status503EveryN: Int?
    public var status503Burst: Burst?
    /// Added before every response (on top of slow bodies).
    public var latencyMilliseconds: Int
    public var slowBody: SlowBody?
    /// Close the connection without answering.
    public var dropConnectionEveryN: Int?
    public var dropConnectionBurst: Burst?
    /// 1-based page of the (filtered) orders listing that is served broken.
    public var malformedOrdersPage: Int?
    public var malformedMode: MalformedMode
    /// How many times the malformed page is served broken; nil = every time.
    public var malformedTimes: Int?
    /// Server-side limit: above this many requests in any sliding 1-second window, answer 429
    /// (`Retry-After: 1`) and count the request in `rejectedByRateLimit`.
    public var serverRateLimit: Double?
    /// Orders change between the pages of a listing (issue 8: nothing changed is missed).
    public var churn: Churn?
    /// Requests to `routes` are answered as if they had no body: the unfiltered default
    /// listing's page 1 (`currentPage: 1`) whatever was asked, as the earlier Python loader got.
    public var ignoreRequestBody: Bool
    /// Orders rendered with one bad value, by order id (listing pages and `orders/{id}`).
    public var badRecords: [Int: BadRecord]
    /// Shows whose `shows/{id}/seats` always fails, by show id (regardless of `routes`).
    public var failingSeats: [Int: SeatFailure]
    /// A hostile answer on the orders listing.
    public var hostileOrders: Hostile?

    public init(
        routes: Set<String>? = nil, status429EveryN: Int? = nil, status429Burst: Burst? = nil,
        retryAfterSeconds: Int = 1, retryAfterAsHTTPDate: Bool = false, omitRetryAfter: Bool = false,
        status503EveryN: Int? = nil, status503Burst: Burst? = nil, latencyMilliseconds: Int = 0,
        slowBody: SlowBody? = nil, dropConnectionEveryN: Int? = nil, dropConnectionBurst: Burst? = nil,
        malformedOrdersPage: Int? = nil, malformedMode: MalformedMode = .badPrice, malformedTimes: Int? = nil,
        serverRateLimit: Double? = nil, churn: Churn? = nil, ignoreRequestBody: Bool = false,
        badRecords: [Int: BadRecord] = [:], failingSeats: [Int: SeatFailure] = [:], hostileOrders: Hostile? = nil
    ) {
        self.routes = routes
        self.status429EveryN = status429EveryN
        self.status429Burst = status429Burst
        self.retryAfterSeconds = retryAfterSeconds
        self.retryAfterAsHTTPDate = retryAfterAsHTTPDate
        self.omitRetryAfter = omitRetryAfter
        self.status503EveryN = status503EveryN
        self.status503Burst = status503Burst
        self.latencyMilliseconds = latencyMilliseconds
        self.slowBody = slowBody
        self.dropConnectionEveryN = dropConnectionEveryN
        self.dropConnectionBurst = dropConnectionBurst
        self.malformedOrdersPage = malformedOrdersPage
        self.malformedMode = malformedMode
        self.malformedTimes = malformedTimes
        self.serverRateLimit = serverRateLimit
        self.churn = churn
        self.ignoreRequestBody = ignoreRequestBody
        self.badRecords = badRecords
        self.failingSeats = failingSeats
        self.hostileOrders = hostileOrders
    }

    static func every(_ n: Int?, _ count: Int) -> Bool {
        guard let n, n > 0 else { return false }
        return count % n == 0
    }
}
