/// Capped exponential backoff with full jitter for retryable insert failures.
///
/// Full jitter (a uniform wait in `0 ... min(cap, base·2^(attempt-1))`) spreads the retries of
/// many writers hitting the same overloaded server instead of synchronising them.
/// (Named apart from the API client's retry policy so a module importing both needs no qualifier.)
public struct ClickHouseRetryPolicy: Sendable, Hashable {
    /// Total attempts per batch, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 8, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The upper bound of the wait after failed attempt `attempt` (1-based).
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let grown = baseDelay * (1 << exponent)
        return grown < maxDelay ? grown : maxDelay
    }

    /// A random wait in `0 ... ceiling(afterAttempt:)`.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(afterAttempt: attempt)
        let (seconds, attoseconds) = ceiling.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos, using: &generator))
    }

    public func delay(afterAttempt attempt: Int) -> Duration {
        var rng = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &rng)
    }
}
