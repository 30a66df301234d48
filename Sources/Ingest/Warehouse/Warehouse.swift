import ClickHouseHTTP

/// Where a run's data lives, and every statement the run sends there.
///
/// Two implementations, chosen once by ``Ingestion``: ``ClickHouseWarehouse`` (the real one)
/// and ``DryRunWarehouse`` (`--dry-run`: writes nothing, says what it would have done). The run
/// is given one and never asks which; the sinks it streams rows into come from it too, so one
/// decision picks both.
public protocol Warehouse: Sendable {
    /// The run lock's lease in this warehouse; `nil` for a warehouse nothing is written to
    /// (a dry run takes no lock and never blocks a real run).
    var lease: (any LockLease)? { get }

    /// Creates the database and the tables if they are missing (idempotent).
    func prepareSchema() async throws

    /// Drops the staging tables of runs that are no longer alive (no live claim of the run lock
    /// within `liveWithinSeconds`); returns their names. Called under the run lock.
    func dropStaleStages(liveWithinSeconds: Int) async throws -> [String]

    /// What the warehouse records about itself (``SettingRow``), by key; empty when it records
    /// nothing (or does not exist yet).
    func recordedSettings() async throws -> [String: String]

    /// Records one setting (the latest version of a key wins).
    func record(_ setting: SettingRow) async throws

    /// Whether the ticket table exists and holds a row.
    func holdsTickets() async throws -> Bool

    /// The highest ticket id stored, 0 when none is (or the table does not exist yet). A read of
    /// the whole `ticket_id` column: asked once per backfill, never by a 15-minute run
    /// (``BackfillRun``).
    func maxTicketID() async throws -> UInt64

    /// The highest version of the rows runs stamp themselves (``VersionClock`` starts above it).
    func maxVersion() async throws -> UInt64

    /// Puts every ticket written before the ticket-day index existed into it (idempotent).
    func fillTicketDayIndex() async throws

    /// Writes one row of `meta_job_runs`: a run's `running` row, then its final one (the same
    /// key with a higher version replaces it).
    func recordRun(_ row: JobRunRow) async throws

    /// The windows of this job's earlier successful runs, latest first (``CoverageTracker``).
    func successfulWindows() async throws -> [CoverageTracker.Window]

    /// Where to stream ticket rows: the ticket table and the ticket-day index.
    func ticketSink() -> any RowSink<TicketRow>

    /// The day each of `ticketIDs` counts in now, for those stored as sold.
    func storedSalesDays(ticketIDs: [UInt64]) async throws -> [UInt64: UInt16]

    /// Replaces the inventory with `rows` plus the current rows of `keepingShows` (whose seats
    /// could not be fetched), atomically; returns the rows it holds now.
    func replaceInventory(with rows: [InventoryRow], keepingShows: [UInt64]) async throws -> Int

    /// Recomputes the daily sales facts of `days` (day numbers) from all their tickets, stamped
    /// `version`; returns how many daily rows those days have now.
    func recomputeDailySales(days: Set<UInt16>, version: UInt64) async throws -> Int

    /// Runs `body` (a backfill's slices, which recompute one after another) with whatever the
    /// recompute sets up kept from one recompute to the next, and cleaned up at the end.
    func keepingDailyStage<T: Sendable>(_ body: () async -> T) async -> T

    /// Merges the small tables, so the runbook's queries without `FINAL` see one row per key.
    func compact() async throws

    /// This job's recorded health: the `recentRuns` newest runs, the last success and the last
    /// error, the coverage of the successful windows, the live holder of the run lock `lockKey`
    /// (`qtickets-ingest status`, the Prometheus textfile). A warehouse that has no
    /// `meta_job_runs` yet reports no runs.
    func status(recentRuns: Int, lockKey: String, lockTTLSeconds: Int) async throws -> WarehouseStatus

    /// Lines for the operator after the run: what a dry run would have done; nothing for a
    /// warehouse that really did it.
    func preview() async -> [String]
}
