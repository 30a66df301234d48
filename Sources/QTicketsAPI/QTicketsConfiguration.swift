import ClientSupport
import Foundation

/// How to reach the API and how hard to push it.
///
/// The defaults suit an API whose limits are unknown (QTickets documents none): 5 requests per
/// second with a burst of 1 (so at most 6 requests in any one second) and 4 in flight; the
/// ingester's `QTICKETS_API_RPS`, `QTICKETS_API_BURST` and `QTICKETS_API_CONCURRENCY` default
/// to the same values.
public struct QTicketsConfiguration: Sendable {
    /// E.g. `https://qtickets.ru/api/rest/v1`.
    public var baseURL: ServiceURL
    /// The organiser's bearer token: a ``Secret``, so printing the configuration never shows it.
    public var token: Secret
    public var requestsPerSecond: Double
    public var burst: Int
    public var concurrency: Int
    /// Per attempt, connection to last body byte (a trickling body is cut off at it).
    public var requestTimeout: Duration
    public var connectTimeout: Duration
    public var retry: Backoff
    /// Sent as `per_page` in list bodies when set (default 1,000: twenty times fewer requests
    /// than the default 50 when the API honours it). The API does not document it; the client works with whatever `perPage`
    /// comes back either way (50 for orders, 10 for events when it is ignored).
    public var pageSize: Int?
    /// Pages of an offset listing (events) fetched ahead of the consumer; bounds memory while
    /// streaming. Defaults to `concurrency`. (Orders are read by `concurrency` keyset streams.)
    public var prefetchPages: Int
    /// Zone used to render date values in `where` (the API's own convention is `+03:00`).
    public var filterTimeZone: TimeZone
    /// Largest body accepted, against a runaway answer: enforced while the body streams, so
    /// memory stays bounded by it (`QTICKETS_API_MAX_RESPONSE_BYTES`).
    public var maxBodyBytes: Int

    public init(
        baseURL: ServiceURL, token: Secret, requestsPerSecond: Double = 5, burst: Int = 1, concurrency: Int = 4,
        requestTimeout: Duration = .seconds(30), retry: Backoff = QTicketsConfiguration.defaultRetry
    ) {
        self.baseURL = baseURL
        self.token = token
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.concurrency = concurrency
        self.requestTimeout = requestTimeout
        self.connectTimeout = .seconds(10)
        self.retry = retry
        self.pageSize = 1_000
        self.prefetchPages = max(1, concurrency)
        self.filterTimeZone = WhereClause.moscow
        self.maxBodyBytes = 32 << 20
    }

    /// 6 attempts, waits from 0.5 s doubling up to 30 s, at most 5 minutes per request: a dead
    /// API fails the run in minutes, not hours.
    public static let defaultRetry = Backoff(
        maxAttempts: 6, baseDelay: .milliseconds(500), maxDelay: .seconds(30), deadline: .seconds(300))

    /// Checks what can be checked before any network call (the URL was checked when it was made).
    func validate() throws {
        guard !token.isEmpty else { throw QTicketsError.invalidConfiguration("QTICKETS_API_TOKEN is empty") }
        guard requestsPerSecond > 0, requestsPerSecond.isFinite else {
            throw QTicketsError.invalidConfiguration("QTICKETS_API_RPS must be positive")
        }
        guard burst >= 1 else { throw QTicketsError.invalidConfiguration("burst must be at least 1") }
        guard concurrency >= 1 else { throw QTicketsError.invalidConfiguration("QTICKETS_API_CONCURRENCY must be at least 1") }
    }
}
