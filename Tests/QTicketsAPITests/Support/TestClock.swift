import NIOConcurrencyHelpers
import Synchronization

/// A virtual clock for deterministic tests: time only moves when someone sleeps, and a sleep
/// moves it straight to the sleeper's deadline (never backwards).
///
/// This keeps rate-limiter tests exact and instant: ``grantTime(of:)`` reports the virtual time
/// at which the limiter decided to let a request through, and the limiter's arithmetic uses the
/// same time, so the "never above the rate over any window" property is checked on real
/// decisions, with no wall-clock timing in the test.
final class TestClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    /// Where the current task's readings of ``now`` go, while ``grantTime(of:)`` watches them.
    @TaskLocal private static var lastReading: NIOLockedValueBox<Duration?>?

    private let current = Mutex<Duration>(.zero)

    var now: Instant {
        let offset = current.withLock { $0 }
        Self.lastReading?.withLockedValue { $0 = offset }
        return Instant(offset: offset)
    }

    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline.offset) }
        await Task.yield()
    }

    func advance(by duration: Duration) {
        current.withLock { $0 += duration }
    }

    /// Runs `acquire` (a rate limiter's `acquire()`) and returns the time the limiter read last
    /// in this task: the instant of its decision. Other tasks' sleeps may move the clock before
    /// `acquire` returns; this reading is untouched by them (a task-local, not a shared value).
    func grantTime(of acquire: () async throws -> Void) async throws -> Duration {
        let reading = NIOLockedValueBox<Duration?>(nil)
        try await Self.$lastReading.withValue(reading) { try await acquire() }
        guard let granted = reading.withLockedValue({ $0 }) else { throw NoReading() }
        return granted
    }

    private struct NoReading: Error {}
}
