import Foundation

/// The job's health as `meta_job_runs` records it: what `qtickets-ingest status` shows and the
/// Prometheus textfile exports.
extension ClickHouseWarehouse {
    public func status(recentRuns: Int) async throws -> WarehouseStatus {
        let exists = try await client.queryRows(sql.jobRunsTableExists).first?["n"] == "1"
        guard exists else { return WarehouseStatus(lockHolder: try await lockHolder()) }
        return WarehouseStatus(
            recentRuns: try await runs(sql.recordedRuns(limit: recentRuns)),
            lastSuccess: try await runs(sql.recordedRuns(status: .ok, limit: 1)).first,
            lastError: try await runs(sql.recordedRuns(status: .error, limit: 1)).first,
            coverage: CoverageSummary(windows: try await successfulWindows()),
            lockHolder: try await lockHolder()
        )
    }

    /// The holder of the run lock. The seam for issue 8.5: read it from `meta_ingest_lock` (the
    /// lock's lease table) once that exists; until then the lock is not tracked.
    func lockHolder() async throws -> LockHolder? { nil }

    private func runs(_ query: String) async throws -> [RecordedRun] {
        try await rows(of: query, named: "the recorded runs") { row in
            guard let runID = row["run_id"], let started = row["started"].flatMap(TimeInterval.init),
                  let finished = row["finished"].flatMap(TimeInterval.init),
                  let status = row["status"].flatMap(JobRunRow.Status.init(rawValue:)),
                  let rows = row["rows_processed"].flatMap(Int.init), let message = row["message"],
                  let from = row["window_from_seconds"].flatMap(TimeInterval.init),
                  let to = row["window_to_seconds"].flatMap(TimeInterval.init), let version = row["tool_version"]
            else { return nil }
            return RecordedRun(
                runID: runID, startedAt: Date(timeIntervalSince1970: started),
                finishedAt: finished > 0 ? Date(timeIntervalSince1970: finished) : nil, status: status, rows: rows,
                message: message, window: CoverageTracker.Window(from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to)),
                toolVersion: version
            )
        }
    }
}
