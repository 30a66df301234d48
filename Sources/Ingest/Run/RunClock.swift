import ClientSupport
import Foundation

/// The run's own clock: its `now` (injected by tests, the wall clock otherwise) advanced by the
/// monotonic time since the run began, so that an injected run still sees time pass (the
/// re-check starts after the window was read) and a stepping wall clock cannot move it back.
struct RunClock: Sendable {
    let start: Date
    private let began = ContinuousClock.now

    init(start: Date) {
        self.start = start
    }

    func now() -> Date {
        start.addingTimeInterval((ContinuousClock.now - began).inSeconds)
    }
}
