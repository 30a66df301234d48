import ClickHouseHTTP
import Foundation
import Logging

/// The real warehouse: a ClickHouse database, reached through one ``ClickHouseClient``.
///
/// Every statement of a run is sent from here, rendered by ``WarehouseSQL`` and its siblings;
/// the longer sequences have files of their own: the daily recompute (`+DailySales`), the
/// inventory swap (`+Inventory`), the run lock's lease (`+LockLease`), the recorded settings
/// (`+Settings`) and the stored-state look-up (`+StoredState`). Rows are streamed through
/// ``BatchingInserter``s whose batch reports go to `onBatch` (the run's metrics); every other
/// statement through the retrying funnel (`+Statements`).
public struct ClickHouseWarehouse: Warehouse {
    let client: ClickHouseClient
    let sql: WarehouseSQL
    let batching: BatchingConfiguration
    /// Names this run's staging table, so two databases' runs never share one.
    let runTag: String
    let logger: Logger
    let onBatch: @Sendable (BatchReport) async -> Void
    /// Whether the daily recompute's staging table is kept between recomputes (a backfill's).
    let dailyStage = DailyStageState()

    /// How many earlier windows the coverage read looks at (a year of 15-minute runs is 35k;
    /// the chain breaks at the first gap long before).
    static let coverageLimit = 10_000

    public init(
        client: ClickHouseClient, database: String, cluster: WarehouseDDL.Cluster? = nil, batching: BatchingConfiguration,
        runID: String, logger: Logger, onBatch: @escaping @Sendable (BatchReport) async -> Void = { _ in }
    ) {
        self.client = client
        self.sql = WarehouseSQL(database: database, cluster: cluster)
        self.batching = batching
        self.runTag = runID
        self.logger = logger
        self.onBatch = onBatch
    }

    public func prepareSchema() async throws {
        try await createMissing(IngestSchema.tables, named: "the schema")
    }

    /// One row, one RowBinary INSERT (validated against the table before it is sent).
    public func recordRun(_ row: JobRunRow) async throws {
        var writer = RowBinaryWriter()
        try writer.write(row, validate: true)
        try await insert(sql.insert(into: JobRunRow.table), body: writer.buffer, named: "the job run row")
    }

    public func successfulWindows() async throws -> [CoverageTracker.Window] {
        try await rows(of: sql.successfulWindows(limit: Self.coverageLimit), named: "the successful windows") { row in
            guard let from = row["from_seconds"].flatMap(TimeInterval.init), let to = row["to_seconds"].flatMap(TimeInterval.init)
            else { return nil }
            return CoverageTracker.Window(from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to))
        }
    }

    public var lease: (any LockLease)? { self }

    public func ticketSink() -> any RowSink<TicketRow> {
        IndexedTicketSink(tickets: inserter(), index: inserter())
    }

    /// The inventory is swapped in whole (one row per show); the job runs are merged so the
    /// runbook sees a run once without `FINAL`.
    public func compact() async throws {
        try await execute(sql.optimize(JobRunRow.table), named: "the job runs' compaction", settings: sql.ddl.optimizeSettings)
    }

    public func preview() -> [String] { [] }

    private func inserter<Row: RowBinaryRow>() -> BatchingInserter<Row> {
        BatchingInserter<Row>(client: client, database: sql.database, configuration: batching, logger: logger, onBatch: onBatch)
    }
}
