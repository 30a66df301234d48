/// The request budget for one API host: a token bucket (rate and burst) plus a cap on requests
/// in flight. Every attempt, first try or retry, acquires a permit, so retries cannot exceed
/// the budget the operator configured (`QTICKETS_API_RPS`, `QTICKETS_API_CONCURRENCY`).
///
/// The bucket is kept as a GCRA schedule ("theoretical arrival time") in `Duration` arithmetic:
/// exactly a token bucket, but in integer attoseconds, so no floating-point drift can let one
/// request too many through or spin on a wait of zero.
///
/// A `Retry-After` pauses the whole bucket (`pause(for:)`): every caller waits, not just the one
/// that got the 429, because the server is telling the *client* to slow down.
public actor RateLimiter {
    public struct Statistics: Sendable, Hashable {
        public var granted: Int
        public var inFlight: Int
        public var maxInFlightSeen: Int
        public var pauses: Int
    }

    public nonisolated let requestsPerSecond: Double
    public nonisolated let burst: Int
    public nonisolated let maxInFlight: Int

    private let time: ClockSource
    private let interval: Duration
    private let tolerance: Duration
    /// GCRA's theoretical arrival time of the next request.
    private var tat: Duration = .zero
    private var pausedUntil: Duration = .zero
    private var inFlight = 0
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0
    private var stats = Statistics(granted: 0, inFlight: 0, maxInFlightSeen: 0, pauses: 0)

    public init(requestsPerSecond: Double, burst: Int, maxInFlight: Int, clock: some Clock<Duration> = ContinuousClock()) {
        self.requestsPerSecond = requestsPerSecond > 0 && requestsPerSecond.isFinite ? requestsPerSecond : 1
        self.burst = max(1, burst)
        self.maxInFlight = max(1, maxInFlight)
        self.time = ClockSource(clock)
        self.interval = .seconds(1 / self.requestsPerSecond)
        self.tolerance = self.interval * (self.burst - 1)
    }

    /// Waits for a pause to end, a free in-flight slot and a token, in that order; give the slot
    /// back with `release()` when the attempt is over. Throws `CancellationError` if the task is
    /// cancelled while waiting.
    public func acquire() async throws {
        while true {
            try Task.checkCancellation()
            let now = time.elapsed()
            if now < pausedUntil {
                try await time.sleep(pausedUntil - now)
                continue
            }
            if inFlight >= maxInFlight {
                try await waitForSlot()
                continue
            }
            let arrival = max(tat, now)
            let allowedAt = arrival - tolerance
            if now < allowedAt {
                try await time.sleep(allowedAt - now)
                continue
            }
            tat = arrival + interval
            inFlight += 1
            stats.granted += 1
            stats.maxInFlightSeen = max(stats.maxInFlightSeen, inFlight)
            return
        }
    }

    /// Ends an attempt: frees its in-flight slot.
    public func release() {
        inFlight = max(0, inFlight - 1)
        if let first = waiters.keys.min(), let waiter = waiters.removeValue(forKey: first) {
            waiter.resume()
        }
    }

    /// Pauses the whole bucket for `duration` from now (a `Retry-After`). Overlapping pauses keep
    /// the later end. After the pause, requests resume at the configured rate, not in a burst.
    public func pause(for duration: Duration) {
        guard duration > .zero else { return }
        let until = time.elapsed() + duration
        if until > pausedUntil {
            pausedUntil = until
            stats.pauses += 1
        }
        tat = max(tat, pausedUntil + tolerance)
    }

    public var statistics: Statistics {
        var s = stats
        s.inFlight = inFlight
        return s
    }

    private func waitForSlot() async throws {
        let id = nextWaiter
        nextWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
        try Task.checkCancellation()
    }

    private func cancelWaiter(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume()
    }
}
