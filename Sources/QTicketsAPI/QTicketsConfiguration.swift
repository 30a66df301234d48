import Foundation

/// How to reach the API and how hard to push it.
///
/// The defaults suit an API whose limits are unknown (QTickets documents none): 5 requests per
/// second with a burst of 5 and 4 in flight (`QTICKETS_API_RPS`, `QTICKETS_API_CONCURRENCY`).
public struct QTicketsConfiguration: Sendable {
    /// E.g. `https://qtickets.ru/api/rest/v1` (a trailing slash is fine).
    public var baseURL: String
    /// The organiser's bearer token. Never logged, never in an error or a description.
    public var token: String
    public var requestsPerSecond: Double
    public var burst: Int
    public var concurrency: Int
    /// Per attempt, connection to last body byte.
    public var requestTimeout: Duration
    public var connectTimeout: Duration
    public var retry: RetryPolicy
    /// Sent as `per_page` in list bodies when set. The API does not document it; the client
    /// works with whatever `perPage` comes back either way.
    public var pageSize: Int?
    /// Pages of one listing fetched ahead of the consumer; bounds memory while streaming.
    /// Defaults to `concurrency`.
    public var prefetchPages: Int
    /// Zone used to render date values in `where` (the API's own convention is `+03:00`).
    public var filterTimeZone: TimeZone
    /// Largest body accepted, against a runaway answer.
    public var maxBodyBytes: Int

    public init(
        baseURL: String, token: String, requestsPerSecond: Double = 5, burst: Int = 5, concurrency: Int = 4,
        requestTimeout: Duration = .seconds(30), retry: RetryPolicy = .init()
    ) {
        self.baseURL = baseURL
        self.token = token
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.concurrency = concurrency
        self.requestTimeout = requestTimeout
        self.connectTimeout = .seconds(10)
        self.retry = retry
        self.pageSize = nil
        self.prefetchPages = max(1, concurrency)
        self.filterTimeZone = TimeZone(identifier: "Europe/Moscow") ?? TimeZone(secondsFromGMT: 3 * 3600) ?? .gmt
        self.maxBodyBytes = 64 << 20
    }

    /// Checks what can be checked before any network call.
    func validate() throws {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else {
            throw QTicketsError.invalidConfiguration("QTICKETS_API_BASE_URL is not an http(s) URL")
        }
        guard !token.isEmpty else { throw QTicketsError.invalidConfiguration("QTICKETS_API_TOKEN is empty") }
        guard requestsPerSecond > 0, requestsPerSecond.isFinite else {
            throw QTicketsError.invalidConfiguration("QTICKETS_API_RPS must be positive")
        }
        guard burst >= 1 else { throw QTicketsError.invalidConfiguration("burst must be at least 1") }
        guard concurrency >= 1 else { throw QTicketsError.invalidConfiguration("QTICKETS_API_CONCURRENCY must be at least 1") }
    }
}

extension QTicketsConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Everything but the token, so a configuration can be logged or dumped safely.
    public var description: String {
        "QTicketsConfiguration(baseURL: \(baseURL), token: <redacted>, requestsPerSecond: \(requestsPerSecond), burst: \(burst), "
            + "concurrency: \(concurrency), requestTimeout: \(requestTimeout), retry: \(retry))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "token": "<redacted>", "requestsPerSecond": requestsPerSecond,
                                "burst": burst, "concurrency": concurrency], displayStyle: .struct)
    }
}
