import ClientSupport
import Foundation

/// When a state of an order was fetched, for the tiebreak of its ticket version
/// (``TicketVersion``): the host's clock read once at the start of the run, advanced by the
/// monotonic clock, so that within a run a later fetch is never stamped earlier even if the
/// host clock steps back meanwhile.
struct FetchClock: Sendable {
    private let wallStart: Date
    private let monotonicStart: ContinuousClock.Instant

    init(wallClock: @Sendable () -> Date) {
        wallStart = wallClock()
        monotonicStart = .now
    }

    func now() -> Date {
        wallStart.addingTimeInterval((ContinuousClock.now - monotonicStart).inSeconds)
    }
}
