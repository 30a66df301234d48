import ClickHouseHTTP

/// Where a run's data lives, and every statement the run sends there.
///
/// Two implementations, chosen once by ``Ingestion``: ``ClickHouseWarehouse`` (the real one)
/// and ``DryRunWarehouse`` (`--dry-run`: writes nothing, says what it would have done). The run
/// is given one and never asks which; the sinks it streams rows into come from it too, so one
/// decision picks both.
///
/// Later concerns each get their room here: the run lock's lease, the recorded settings, the
/// inventory swap, statement retries, cluster DDL.
public protocol Warehouse: Sendable {
    /// Creates the database and the tables if they are missing (idempotent).
    func prepareSchema() async throws

    /// Writes one row of `meta_job_runs`: a run's `running` row, then its final one (the same
    /// key with a higher version replaces it).
    func recordRun(_ row: JobRunRow) async throws

    /// The windows of this job's earlier successful runs, latest first (``CoverageTracker``).
    func successfulWindows() async throws -> [CoverageTracker.Window]

    /// Where to stream rows of `Row`'s table.
    func sink<Row: WarehouseRow>(for type: Row.Type) -> any RowSink<Row>

    /// Recomputes the daily sales facts of `days` (day numbers) from all their tickets, stamped
    /// `version`; returns how many daily rows those days have now.
    func recomputeDailySales(days: Set<UInt16>, version: UInt64) async throws -> Int

    /// Merges the small tables, so the runbook's queries without `FINAL` see one row per key.
    func compact() async throws

    /// This job's recorded health: the `recentRuns` newest runs, the last success and the last
    /// error, the coverage of the successful windows, the lock holder (`qtickets-ingest status`,
    /// the Prometheus textfile). A warehouse that has no `meta_job_runs` yet reports no runs.
    func status(recentRuns: Int) async throws -> WarehouseStatus

    /// Lines for the operator after the run: what a dry run would have done; nothing for a
    /// warehouse that really did it.
    func preview() async -> [String]
}
