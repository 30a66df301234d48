import ClickHouseHTTP

/// `--dry-run`'s warehouse: sends nothing anywhere (not even the schema), hands out counting
/// sinks, and afterwards says what it would have done.
///
/// It computes no daily rows: that would need every ticket of the touched days in memory (or a
/// warehouse to compute them in). It says how many days and months a real run would recompute
/// instead, so a dry run's memory stays flat whatever the window. It holds no lease: a dry run
/// takes no lock, so it never keeps the timer's real run out.
public actor DryRunWarehouse: Warehouse {
    private var runRows = 0
    private var recomputeDays = 0
    private var recomputeMonths = 0
    private let inventory = DryRunRowSink<InventoryRow>()
    private var keptShows = 0

    public init() {}

    public nonisolated var lease: (any LockLease)? { nil }

    public func prepareSchema() {}
    public func dropStaleStages(liveWithinSeconds: Int) -> [String] { [] }

    public func recordedSettings() -> [String: String] { [:] }
    public func record(_ setting: SettingRow) {}
    public func holdsTickets() -> Bool { false }
    public func maxTicketID() -> UInt64 { 0 }
    public func maxVersion() -> UInt64 { 0 }
    public func fillTicketDayIndex() {}

    public func recordRun(_ row: JobRunRow) { runRows += 1 }

    /// None: a dry run treats its window as the only coverage, so it fetches the touched days
    /// a real run might have to complete.
    public func successfulWindows() -> [CoverageTracker.Window] { [] }

    public nonisolated func ticketSink() -> any RowSink<TicketRow> { DryRunRowSink<TicketRow>() }

    /// None stored: a dry run reads nothing.
    public func storedSalesDays(ticketIDs: [UInt64]) -> [UInt64: UInt16] { [:] }

    public func replaceInventory(with rows: [InventoryRow], keepingShows: [UInt64]) async -> Int {
        await inventory.append(contentsOf: rows)
        keptShows = keepingShows.count
        return rows.count
    }

    public func recomputeDailySales(days: Set<UInt16>, version: UInt64) -> Int {
        recomputeDays = days.count
        recomputeMonths = Set(days.map(SalesCalendar.month)).count
        return 0
    }

    /// Nothing to keep: a dry run's recompute only counts.
    public nonisolated func keepingDailyStage<T: Sendable>(_ body: () async -> T) async -> T { await body() }

    public func compact() {}

    /// Nothing recorded: a dry run reads nothing from ClickHouse.
    public func status(recentRuns: Int, lockKey: String, lockTTLSeconds: Int) -> WarehouseStatus { WarehouseStatus() }

    public func preview() async -> [String] {
        var lines = await inventory.preview()
        if keptShows > 0 { lines.append("  (and the previous rows of \(keptShows) shows whose seats could not be fetched)") }
        return lines + [
            "\(DailySalesRow.table.name): \(recomputeDays) days in \(recomputeMonths) months would be recomputed from the ticket table",
            "\(JobRunRow.table.name): \(runRows) rows (start and end of the run)",
        ]
    }
}
