import Synchronization

/// A virtual clock for deterministic tests: time only moves when someone sleeps, and a sleep
/// moves it straight to the sleeper's deadline (never backwards).
///
/// This keeps rate-limiter tests exact and instant: every grant is stamped with the virtual time
/// at which the limiter decided it, and the limiter's arithmetic uses the same time, so the
/// "never above the rate over any window" property is checked on real decisions, with no
/// wall-clock timing in the test.
final class TestClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex<Duration>(.zero)

    var now: Instant { Instant(offset: current.withLock { $0 }) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline.offset) }
        await Task.yield()
    }

    func advance(by duration: Duration) {
        current.withLock { $0 += duration }
    }
}
