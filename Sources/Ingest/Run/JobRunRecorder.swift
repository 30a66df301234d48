import ClickHouseHTTP
import Foundation
import Logging

/// Writes a run's row in `meta_job_runs` (at start: `running`; at the end: `ok` or `error`),
/// and reads earlier successful windows for ``CoverageTracker``.
public struct JobRunRecorder: Sendable {
    let client: ClickHouseClient
    let database: String
    let logger: Logger

    public init(client: ClickHouseClient, database: String, logger: Logger) {
        self.client = client
        self.database = database
        self.logger = logger
    }

    public func write(_ row: JobRunRow) async throws {
        let inserter = BatchingInserter<JobRunRow>(
            client: client, database: database, configuration: BatchingConfiguration(), logger: logger
        )
        try await inserter.append(row)
        _ = try await inserter.finish()
    }

    /// Successful windows of this job, latest first.
    public func successfulWindows(limit: Int = 10_000) async throws -> [CoverageTracker.Window] {
        let text = try await client.query("""
            SELECT toUnixTimestamp(window_from), toUnixTimestamp(window_to)
            FROM \(database).\(JobRunRow.table.name) FINAL
            WHERE job = 'qtickets_api' AND status = 'ok'
            ORDER BY window_to DESC LIMIT \(limit) FORMAT TSV
            """)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let from = Double(fields[0]), let to = Double(fields[1]) else { return nil }
            return CoverageTracker.Window(from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to))
        }
    }

    /// Merges the small tables so the runbook's queries without `FINAL` see one row per key.
    public func compactSmallTables() async throws {
        for table in [InventoryRow.table.name, JobRunRow.table.name] {
            try await client.execute("OPTIMIZE TABLE \(database).\(table) FINAL")
        }
    }
}
