import Foundation

/// A test's "our clock": `start` advanced by real time, like the fake's server clock (started
/// at the same instant), so that a test can set the API's clock minutes ahead of or behind it.
struct TestRunClock {
    let start: Date
    private let began = ContinuousClock.now

    init(start: Date) { self.start = start }

    func now() -> Date {
        let elapsed = ContinuousClock.now - began
        return start.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
