import NIOCore

/// The fake's "now": a start instant advancing with monotonic real time, plus an offset.
/// Everything the server stamps itself (churn between pages) reads this clock, so a test can
/// run the API minutes ahead of the ingester, or days after the data was generated.
struct ServerClock: Sendable, Equatable {
    var startEpoch: Double
    var startUptimeNanoseconds: UInt64
    var offsetSeconds: Int

    init(startEpoch: Double, offsetSeconds: Int, uptimeNanoseconds: UInt64 = NIODeadline.now().uptimeNanoseconds) {
        self.startEpoch = startEpoch
        self.startUptimeNanoseconds = uptimeNanoseconds
        self.offsetSeconds = offsetSeconds
    }

    /// Epoch seconds (fractional) at the given uptime.
    func now(uptimeNanoseconds: UInt64 = NIODeadline.now().uptimeNanoseconds) -> Double {
        let elapsed = uptimeNanoseconds >= startUptimeNanoseconds ? uptimeNanoseconds - startUptimeNanoseconds : 0
        return startEpoch + Double(elapsed) / 1e9 + Double(offsetSeconds)
    }

    /// Whole epoch seconds, as the API stamps timestamps.
    func nowEpoch(uptimeNanoseconds: UInt64 = NIODeadline.now().uptimeNanoseconds) -> Int {
        Int(now(uptimeNanoseconds: uptimeNanoseconds).rounded(.down))
    }
}
