/// Step 4: the daily facts of every day the loaded tickets touched, recomputed by the
/// warehouse from all of those days' tickets, stamped with the run's next version.
struct RecomputeDailySales: Sendable {
    let context: RunContext

    /// Returns how many daily rows the touched days have now (none in a dry run).
    func run(days: Set<UInt16>) async throws -> Int {
        let rows = try await context.metrics.measure("recompute_daily") {
            try await context.warehouse.recomputeDailySales(days: days, version: context.versions.next())
        }
        await context.metrics.add("touched_days", days.count)
        return rows
    }
}
