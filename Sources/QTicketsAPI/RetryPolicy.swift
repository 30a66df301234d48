/// When and how long to wait before trying a request again.
///
/// Capped exponential backoff with *full jitter* (wait uniformly in `0...min(cap, base·2ⁿ⁻¹)`):
/// after a 429 or a 503 burst, many pages retry at once, and jitter spreads them out instead
/// of hitting the server again in lock-step. `deadline` bounds one logical request across all
/// its attempts, so a dead API fails the run in minutes, not hours.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var deadline: Duration

    public init(
        maxAttempts: Int = 6, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        deadline: Duration = .seconds(300)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.deadline = deadline
    }

    /// The ceiling of the jittered wait after failed attempt number `attempt` (1-based).
    public func backoffCeiling(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let raw = baseDelay * (1 << exponent)
        return min(raw, maxDelay)
    }

    /// A full-jitter wait after failed attempt `attempt`; `unit` is a uniform random value in [0, 1).
    public func backoff(afterAttempt attempt: Int, unit: Double) -> Duration {
        backoffCeiling(afterAttempt: attempt) * min(max(unit, 0), 1)
    }
}
