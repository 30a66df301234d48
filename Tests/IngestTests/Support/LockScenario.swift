import Foundation
import Synchronization
import TestSupport

/// What the run-lock tests share: a holder kept busy long enough for a second run to meet it.
enum LockScenario {
    /// Slow pages: a 300-hour run takes several seconds.
    static let settings = ["QTICKETS_API_RPS": "25", "QTICKETS_API_CONCURRENCY": "2"]
    static let arguments = ["--since-hours", "300"]

    /// Returns once a run of the harness's database has written its `running` row.
    static func waitUntilRunning(_ harness: IngestHarness) async throws {
        for _ in 0..<300 {
            let running = try? await harness.scalar("SELECT count() FROM \(harness.table("meta_job_runs")) WHERE status = 'running'")
            if let running, running != "0" { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The command's PID, once it started.
    final class PID: Sendable {
        private let value = Mutex<Int32>(0)
        var pid: Int32 { value.withLock { $0 } }
        func set(_ pid: Int32) { value.withLock { $0 = pid } }
    }
}
