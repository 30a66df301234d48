import Foundation
import TestSupport

/// A run's row in `meta_job_runs`, as later runs read it.
struct RunRecord: Equatable {
    var status: String
    var windowFrom: Date
    var windowTo: Date
    var message: String
}

extension IngestHarness {
    /// The row of run `runID`; for a backfill in slices (recorded as `<runID>-<n>`), the row of
    /// its newest slice (`-1`), whose window is the one that reaches the run's start.
    func recordedRun(_ runID: String) async throws -> RunRecord? {
        let line = try await scalar("""
            SELECT status, toUnixTimestamp(window_from), toUnixTimestamp(window_to), message
            FROM \(table("meta_job_runs")) FINAL WHERE run_id IN ('\(runID)', '\(runID)-1')
            """)
        let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 3, let from = TimeInterval(fields[1]), let to = TimeInterval(fields[2]) else { return nil }
        return RunRecord(
            status: fields[0], windowFrom: Date(timeIntervalSince1970: from), windowTo: Date(timeIntervalSince1970: to),
            message: fields.count > 3 ? fields[3] : "")
    }
}
