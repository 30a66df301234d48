import ClickHouseHTTP

/// The reads behind `qtickets-ingest status` (``ClickHouseWarehouse/status(recentRuns:)``).
extension WarehouseSQL {
    /// `1` when `meta_job_runs` exists (a database the ingester never wrote has none), in `n`.
    var jobRunsTableExists: String { tableExists(JobRunRow.table) }

    /// `1` when `table` exists in the database, in `n`.
    func tableExists(_ table: TableDefinition) -> String {
        """
        SELECT count() AS n FROM system.tables
        WHERE database = \(SQLQuoting.stringLiteral(database)) AND name = \(SQLQuoting.stringLiteral(table.name))
        """
    }

    /// This job's runs, newest first, `status` one of them when given; times as Unix seconds
    /// (`finished` 0 while a run has not recorded its end).
    func recordedRuns(status: JobRunRow.Status? = nil, limit: Int) -> String {
        let only = status.map { " AND status = \(SQLQuoting.stringLiteral($0.rawValue))" } ?? ""
        return """
            SELECT run_id, toUnixTimestamp(started_at) AS started, toUnixTimestamp(ifNull(finished_at, toDateTime(0))) AS finished,
                   status, rows_processed, message, toUnixTimestamp(window_from) AS window_from_seconds,
                   toUnixTimestamp(window_to) AS window_to_seconds, tool_version
            FROM \(name(of: JobRunRow.table)) FINAL
            WHERE job = \(SQLQuoting.stringLiteral(JobRunRow.jobName))\(only)
            ORDER BY started_at DESC, run_id DESC LIMIT \(limit)
            """
    }
}
