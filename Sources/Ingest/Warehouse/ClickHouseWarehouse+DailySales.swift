import ClickHouseHTTP

extension ClickHouseWarehouse {
    /// At most this many touched days, and months, per round of the recompute: a 15-minute
    /// run's days (a few hundred, over as many months as years of history) fit one round; a
    /// backfill's go in rounds of about a year, which bounds the statements' length and the set
    /// of ticket ids each one builds. Months stay under the 100 partitions a current server
    /// accepts in one INSERT block (`max_partitions_per_insert_block`).
    static let recomputeDaysPerRound = 400
    static let recomputeMonthsPerRound = 90
    /// The fill's settings in a backfill (``fill(_:days:version:)``).
    static let backfillFillSettings = ["max_threads": "1"]

    /// Recomputes the daily sales facts of the touched days from the ticket table, inside
    /// ClickHouse.
    ///
    /// Per round of touched months: a staging table (same structure as the daily table, named
    /// after the run) receives the fresh aggregate of the touched days over **all** their
    /// tickets (found through the ticket-day index, ``DailySalesRecompute/aggregate(days:version:)``),
    /// plus the untouched days of those months copied as they are, in one statement
    /// (``DailySalesRecompute/fill(days:months:version:)``); then one
    /// `ALTER TABLE … REPLACE PARTITION` per month swaps them in, each atomically. A day whose
    /// last ticket was refunded loses its row instead of keeping a stale one, readers never see
    /// a half-written month, and `count()` without `FINAL` is exact. The number of statements
    /// does not grow with the months touched, and what they read follows the touched days (and
    /// the daily rows of their months), not the ticket table. Runs never overlap (``RunLock``).
    /// Each step is idempotent as retried (``withStage(create:drop:named:_:)``, the fill's unit).
    public func recomputeDailySales(days: Set<UInt16>, version: UInt64) async throws -> Int {
        guard !days.isEmpty else { return 0 }
        let recompute = sql.dailySalesRecompute(runTag: runTag)
        guard dailyStage.isKept else {
            return try await withStage(create: recompute.createStage, drop: recompute.dropStage, named: "the daily staging table") {
                try await fill(recompute, days: days, version: version)
            }
        }
        // A backfill's slice: the stage the previous slice left, truncated before each fill.
        if !dailyStage.exists {
            try await makeStage(create: recompute.createStage, drop: recompute.dropStage, named: "the daily staging table")
            dailyStage.exists = true
        }
        do {
            return try await fill(recompute, days: days, version: version)
        } catch {
            // Made again (dropped first) by the next recompute, whatever this one left.
            dailyStage.exists = false
            throw error
        }
    }

    /// Runs `body` (a backfill's slices) with the daily staging table kept from one recompute
    /// to the next (``DailyStageState``), and drops it at the end, also after a failure or a
    /// signal (``dropUncancelled(_:named:)``; a run killed before that leaves it to the next
    /// run's ``dropStaleStages(liveWithinSeconds:)``).
    public func keepingDailyStage<T: Sendable>(_ body: () async -> T) async -> T {
        dailyStage.keep()
        let result = await body()
        if dailyStage.release() {
            await dropUncancelled(sql.dailySalesRecompute(runTag: runTag).dropStage, named: "the daily staging table")
        }
        return result
    }

    /// The recompute's rounds into the stage, each swapped in; returns the touched days' rows.
    ///
    /// A backfill's fill reads with one thread (``backfillFillSettings``): it runs while the next
    /// slice is fetched, so its wall time is hidden and its CPU is taken from the fetch; on 18.16
    /// one thread did a slice's aggregate for 0.8 to 1.8 ms less CPU than the server's default
    /// (measured twice: 6.4 ms against 7.2, 6.7 against 8.5). A 15-minute run waits for its
    /// recompute, so it keeps the server's threads.
    private func fill(_ recompute: DailySalesRecompute, days: Set<UInt16>, version: UInt64) async throws -> Int {
        let settings = dailyStage.isKept ? Self.backfillFillSettings : [:]
        var rows = 0
        for round in Self.rounds(of: days) {
            let days = round.flatMap(\.days)
            let months = round.map(\.month)
            // One retried unit: a re-sent `INSERT … SELECT` would double the stage's rows,
            // so every attempt fills the stage again from empty.
            rows += try await retrying("the daily staging fill") {
                try await client.execute(recompute.truncateStage)
                try await client.execute(try recompute.fill(days: days, months: months, version: version), settings: settings)
                let counts = try Self.decode(try await client.queryRows(recompute.countFresh(days: days)), named: "the daily row count") { row in
                    row["daily_rows"].flatMap { Int($0) }
                }
                return counts.reduce(0, +)
            }
            // Sent twice, the same stage replaces the same months again.
            try await execute(recompute.replacePartitions(months: months), named: "the daily partitions' swap")
        }
        return rows
    }

    /// The touched months in order, with their days, cut into rounds.
    static func rounds(of days: Set<UInt16>) -> [[(month: Int, days: [UInt16])]] {
        let months = Dictionary(grouping: days, by: SalesCalendar.month).sorted { $0.key < $1.key }
        var rounds: [[(month: Int, days: [UInt16])]] = [[]]
        var dayCount = 0
        for (month, monthDays) in months {
            if let current = rounds.last, !current.isEmpty,
                dayCount + monthDays.count > recomputeDaysPerRound || current.count >= recomputeMonthsPerRound {
                rounds.append([])
                dayCount = 0
            }
            rounds[rounds.count - 1].append((month, monthDays.sorted()))
            dayCount += monthDays.count
        }
        return rounds
    }
}
