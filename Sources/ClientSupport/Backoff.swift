/// When to try a failed request again: capped exponential backoff with *full jitter*.
///
/// The one retry schedule of the project, shared by the QTickets client and the ClickHouse
/// writer. Full jitter (a wait drawn uniformly from `0 ... min(maxDelay, baseDelay·2ⁿ⁻¹)`)
/// spreads out the retries of many callers hit by the same 429, 503 or 502 instead of sending
/// them back in lock-step. `deadline` bounds one logical operation across all its attempts, so
/// a dead server fails a run in minutes rather than hours.
public struct Backoff: Sendable, Hashable {
    /// Attempts in total, the first included (at least 1).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest one operation may take over all its attempts and waits; `nil`: no limit
    /// beyond `maxAttempts`.
    public var deadline: Duration?

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, deadline: Duration? = nil) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.deadline = deadline
    }

    /// The ceiling of the wait after failed attempt number `attempt` (1-based).
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let grown = baseDelay * (1 << exponent)
        return min(grown, maxDelay)
    }

    /// The full-jitter wait after failed attempt `attempt`; `unit` is a uniform random value in
    /// `[0, 1)` (injected, so tests can pin it).
    public func delay(afterAttempt attempt: Int, unit: Double) -> Duration {
        ceiling(afterAttempt: attempt) * min(max(unit, 0), 1)
    }

    /// The full-jitter wait after failed attempt `attempt`, drawn from the system generator.
    public func delay(afterAttempt attempt: Int) -> Duration {
        delay(afterAttempt: attempt, unit: Double.random(in: 0..<1))
    }

    /// Whether another attempt may follow attempt `attempt`, which failed after `elapsed` of
    /// the operation, if the next one starts after waiting `wait`.
    public func allowsRetry(afterAttempt attempt: Int, elapsed: Duration, wait: Duration) -> Bool {
        guard attempt < maxAttempts else { return false }
        guard let deadline else { return true }
        return elapsed + wait <= deadline
    }
}
