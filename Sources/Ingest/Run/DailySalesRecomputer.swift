import ClickHouseHTTP
import Foundation

/// Recomputes the daily sales facts of the touched days from the ticket table, inside ClickHouse.
///
/// Per touched month: a staging table (same structure as `fact_qtickets_sales_daily`) receives
/// the fresh aggregate of the touched days over **all** their tickets (`FINAL`), plus the
/// untouched days of that month copied as they are; then `ALTER TABLE … REPLACE PARTITION`
/// swaps the month in atomically. A day whose last ticket was refunded loses its row instead of
/// keeping a stale one, readers never see a half-written month, and `count()` without `FINAL`
/// is exact. Runs must not overlap (the systemd timer runs one at a time).
public struct DailySalesRecomputer: Sendable {
    let client: ClickHouseClient
    let database: String
    let runTag: String

    public init(client: ClickHouseClient, database: String, runTag: String) {
        self.client = client
        self.database = database
        self.runTag = runTag.filter { $0.isLetter || $0.isNumber }
    }

    /// Returns the number of daily rows the touched days now have.
    @discardableResult
    public func recompute(days: Set<UInt16>, version: UInt64) async throws -> Int {
        guard !days.isEmpty else { return 0 }
        let daily = "\(database).\(DailySalesRow.table.name)"
        let tickets = "\(database).\(TicketRow.table.name)"
        let stage = "\(database).\(DailySalesRow.table.name)_stage_\(runTag)"
        let columns = DailySalesRow.table.columns.map(\.name).joined(separator: ", ")
        let byMonth = Dictionary(grouping: days, by: SalesCalendar.month)
        var rows = 0
        try await client.execute("DROP TABLE IF EXISTS \(stage)")
        try await client.execute("CREATE TABLE \(stage) AS \(daily)")
        do {
            for (month, monthDays) in byMonth.sorted(by: { $0.key < $1.key }) {
                let dayList = monthDays.sorted().map { "toDate('\(SalesCalendar.isoDate($0))')" }.joined(separator: ", ")
                try await client.execute("TRUNCATE TABLE \(stage)")
                try await client.execute("""
                    INSERT INTO \(stage) (\(columns))
                    SELECT sales_date, max(payed_at), event_id, show_id, city, sum(quantity), sum(price), \(version)
                    FROM \(tickets) FINAL
                    WHERE sales_date IN (\(dayList)) AND is_sold = 1
                    GROUP BY sales_date, event_id, show_id, city
                    """)
                try await client.execute("""
                    INSERT INTO \(stage) (\(columns))
                    SELECT \(columns) FROM \(daily) FINAL
                    WHERE toYYYYMM(sales_date) = \(month) AND sales_date NOT IN (\(dayList))
                    """)
                try await client.execute("ALTER TABLE \(daily) REPLACE PARTITION \(month) FROM \(stage)")
                let count = try await client.query("SELECT count() FROM \(daily) WHERE sales_date IN (\(dayList)) FORMAT TSV")
                rows += Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            }
        } catch {
            try? await client.execute("DROP TABLE IF EXISTS \(stage)")
            throw error
        }
        try await client.execute("DROP TABLE IF EXISTS \(stage)")
        return rows
    }
}
