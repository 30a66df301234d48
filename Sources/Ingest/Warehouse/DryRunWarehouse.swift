import ClickHouseHTTP

/// `--dry-run`'s warehouse: sends nothing anywhere (not even the schema), hands out counting
/// sinks, and afterwards says what it would have done.
///
/// It computes no daily rows: that would need every ticket of the touched days in memory (or a
/// warehouse to compute them in). It says how many days and months a real run would recompute
/// instead, so a dry run's memory stays flat whatever the window.
public actor DryRunWarehouse: Warehouse {
    private var runRows = 0
    private var recomputeDays = 0
    private var recomputeMonths = 0

    public init() {}

    public func prepareSchema() {}

    public func recordRun(_ row: JobRunRow) { runRows += 1 }

    /// None: a dry run treats its window as the only coverage, so it fetches the touched days
    /// a real run might have to complete.
    public func successfulWindows() -> [CoverageTracker.Window] { [] }

    public nonisolated func sink<Row: WarehouseRow>(for type: Row.Type) -> any RowSink<Row> { DryRunRowSink<Row>() }

    public func recomputeDailySales(days: Set<UInt16>, version: UInt64) -> Int {
        recomputeDays = days.count
        recomputeMonths = Set(days.map(SalesCalendar.month)).count
        return 0
    }

    public func compact() {}

    /// Nothing recorded: a dry run reads nothing from ClickHouse.
    public func status(recentRuns: Int) -> WarehouseStatus { WarehouseStatus() }

    public func preview() -> [String] {
        [
            "\(DailySalesRow.table.name): \(recomputeDays) days in \(recomputeMonths) months would be recomputed from the ticket table",
            "\(JobRunRow.table.name): \(runRows) rows (start and end of the run)",
        ]
    }
}
