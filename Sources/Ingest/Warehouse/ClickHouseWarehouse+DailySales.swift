import ClickHouseHTTP

extension ClickHouseWarehouse {
    /// Recomputes the daily sales facts of the touched days from the ticket table, inside
    /// ClickHouse.
    ///
    /// Per touched month: a staging table (same structure as the daily table, named after the
    /// run) receives the fresh aggregate of the touched days over **all** their tickets
    /// (`FINAL`), plus the untouched days of that month copied as they are; then
    /// `ALTER TABLE … REPLACE PARTITION` swaps the month in atomically. A day whose last ticket
    /// was refunded loses its row instead of keeping a stale one, readers never see a
    /// half-written month, and `count()` without `FINAL` is exact. Runs must not overlap (the
    /// systemd timer runs one at a time).
    public func recomputeDailySales(days: Set<UInt16>, version: UInt64) async throws -> Int {
        guard !days.isEmpty else { return 0 }
        let recompute = sql.dailySalesRecompute(runTag: runTag)
        var rows = 0
        try await client.execute(recompute.dropStage)
        try await client.execute(recompute.createStage)
        do {
            for (month, monthDays) in Dictionary(grouping: days, by: SalesCalendar.month).sorted(by: { $0.key < $1.key }) {
                let days = monthDays.sorted()
                try await client.execute(recompute.truncateStage)
                try await client.execute(try recompute.insertAggregate(days: days, version: version))
                try await client.execute(recompute.copyUntouched(month: month, days: days))
                try await client.execute(recompute.replacePartition(month: month))
                let counts = try await self.rows(of: recompute.countRows(days: days), named: "the daily row count") { row in
                    row["daily_rows"].flatMap { Int($0) }
                }
                rows += counts.reduce(0, +)
            }
        } catch {
            try? await client.execute(recompute.dropStage)
            throw error
        }
        try await client.execute(recompute.dropStage)
        return rows
    }
}
