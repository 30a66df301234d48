import Foundation
import TestSupport

/// A run's row in `meta_job_runs`, as later runs read it.
struct RecordedRun: Equatable {
    var status: String
    var windowFrom: Date
    var windowTo: Date
    var message: String
}

extension IngestHarness {
    func recordedRun(_ runID: String) async throws -> RecordedRun? {
        let line = try await scalar("""
            SELECT status, toUnixTimestamp(window_from), toUnixTimestamp(window_to), message
            FROM \(table("meta_job_runs")) FINAL WHERE run_id = '\(runID)'
            """)
        let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 3, let from = TimeInterval(fields[1]), let to = TimeInterval(fields[2]) else { return nil }
        return RecordedRun(
            status: fields[0], windowFrom: Date(timeIntervalSince1970: from), windowTo: Date(timeIntervalSince1970: to),
            message: fields.count > 3 ? fields[3] : "")
    }
}

/// A test's "our clock": `start` advanced by real time, like the fake's server clock (started
/// at the same instant), so that a test can set the API's clock minutes ahead of or behind it.
struct TestClock {
    let start: Date
    private let began = ContinuousClock.now

    init(start: Date) { self.start = start }

    func now() -> Date {
        let elapsed = ContinuousClock.now - began
        return start.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
