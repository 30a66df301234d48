import Foundation

/// The job's health as `meta_job_runs` records it: what `qtickets-ingest status` shows and the
/// Prometheus textfile exports.
extension ClickHouseWarehouse {
    public func status(recentRuns: Int, lockKey: String, lockTTLSeconds: Int) async throws -> WarehouseStatus {
        let holder = try await lockHolder(key: lockKey, ttlSeconds: lockTTLSeconds)
        let exists = try await rows(of: sql.jobRunsTableExists, named: "whether meta_job_runs exists") { $0["n"] }.first == "1"
        guard exists else { return WarehouseStatus(lockHolder: holder) }
        return WarehouseStatus(
            recentRuns: try await runs(sql.recordedRuns(limit: recentRuns)),
            lastSuccess: try await runs(sql.recordedRuns(status: .ok, limit: 1)).first,
            lastError: try await runs(sql.recordedRuns(status: .error, limit: 1)).first,
            coverage: CoverageSummary(windows: try await successfulWindows()),
            lockHolder: holder
        )
    }

    /// The holder of the run lock as the lease election would decide it now: the earliest live
    /// claim (``LeaseElection``), or `nil` when nobody holds it or the lease table does not exist.
    func lockHolder(key: String, ttlSeconds: Int) async throws -> LockHolder? {
        guard try await rows(of: sql.tableExists(LockClaimRow.table), named: "whether the lease table exists") { $0["n"] }.first == "1" else {
            return nil
        }
        return try await claims(key: key, ttlSeconds: ttlSeconds).filter { $0.live && !$0.isChoosing }.min { $0.precedes($1) }?.holder
    }

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
