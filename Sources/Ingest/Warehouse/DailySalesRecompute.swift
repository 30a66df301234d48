import ClickHouseHTTP

/// The statements that recompute daily sales facts from the ticket table (the sequence is
/// ``ClickHouseWarehouse/recomputeDailySales(days:version:)``).
///
/// The daily table's columns are computed in its own column order, from its own declaration:
/// its key columns (`ORDER BY`) are the ticket columns of the same names and the `GROUP BY`;
/// its version column is the run's version; every other column is an aggregate listed in
/// ``aggregates``. The INSERT names the same columns in the same order, so the SELECT cannot
/// drift from ``DailySalesRow/table``.
struct DailySalesRecompute: Sendable {
    /// A non-key column of the daily table: `function(ticketColumn)` over the key's sold tickets.
    struct Aggregate: Sendable, Equatable {
        var function: String
        var ticketColumn: String
    }

    /// What "the day's numbers" are (DESIGN.md "What the numbers mean"): the latest payment,
    /// the tickets and the revenue of the sold tickets.
    static let aggregates: [String: Aggregate] = [
        "sale_ts": Aggregate(function: "max", ticketColumn: "payed_at"),
        "tickets_sold": Aggregate(function: "sum", ticketColumn: "quantity"),
        "revenue": Aggregate(function: "sum", ticketColumn: "price"),
    ]

    static let daily = DailySalesRow.table

    let dailyName: String
    let ticketsName: String
    let indexName: String
    let stageName: String
    let createStage: String

    init(sql: WarehouseSQL, runTag: String) {
        dailyName = sql.name(of: Self.daily)
        ticketsName = sql.name(of: TicketRow.table)
        indexName = sql.name(of: TicketDayRow.table)
        let tag = WarehouseSQL.stageTag(runID: runTag)
        stageName = "\(SQLQuoting.identifier(sql.database)).\(SQLQuoting.identifier("\(Self.daily.name)_stage_\(tag)"))"
        createStage = sql.ddl.createStage(stageName, of: Self.daily)
    }

    /// The SELECT list over the ticket table, one expression per daily column, in table order.
    static func selectList(version: UInt64) throws(WarehouseError) -> [String] {
        try daily.columns.map { column throws(WarehouseError) in
            if column.name == daily.versionColumn { return String(version) }
            if daily.orderBy.contains(column.name) { return SQLQuoting.identifier(column.name) }
            guard let aggregate = aggregates[column.name] else { throw .noExpression(column: column.name) }
            return "\(aggregate.function)(\(SQLQuoting.identifier(aggregate.ticketColumn)))"
        }
    }

    static var columnList: String { daily.columns.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ") }

    var dropStage: String { "DROP TABLE IF EXISTS \(stageName)" }
    var truncateStage: String { "TRUNCATE TABLE \(stageName)" }

    /// The stage's fill for one round: the fresh aggregate of the touched `days` and the
    /// untouched days of their `months` as they are, in one `INSERT … SELECT … UNION ALL
    /// SELECT`. One statement writes one part per month (the server squashes the two halves'
    /// blocks); two wrote two. Each part costs the server the creation of a directory of files
    /// (about 10 ms of CPU on 18.16 here, most of it system time), and a backfill recomputes
    /// once per slice.
    func fill(days: [UInt16], months: [Int], version: UInt64) throws(WarehouseError) -> String {
        "INSERT INTO \(stageName) (\(Self.columnList))\n\(try aggregate(days: days, version: version))\nUNION ALL\n\(untouched(months: months, days: days))"
    }

    /// The fresh aggregate of `days` over all their sold tickets, in their latest state
    /// (`FINAL`). The tickets are found through the ticket-day index: `ticket_id IN (…)` is a
    /// primary-key look-up, so the statement reads the touched days' tickets, not the table. The
    /// index may name a ticket that has since left a day; the filter on its current
    /// `sales_date` (applied after `FINAL`) leaves it out.
    ///
    /// The look-up is a `PREWHERE`: the server reads `ticket_id` alone first and the other
    /// columns only for the rows it keeps (measured on 18.16, a backfill slice's 30 days over a
    /// 100k warehouse: 7.0 ms of CPU against 8.5 with the look-up in `WHERE`). A `PREWHERE` runs
    /// before `FINAL` collapses the versions, which is exact here only because `ticket_id` is the
    /// whole sorting key: every version of a ticket passes or fails it together. The filters on
    /// the current state stay in `WHERE`, after `FINAL`.
    func aggregate(days: [UInt16], version: UInt64) throws(WarehouseError) -> String {
        let key = Self.daily.orderBy.map(SQLQuoting.identifier).joined(separator: ", ")
        let touched = Self.salesDate(in: days)
        return """
            SELECT \(try Self.selectList(version: version).joined(separator: ", "))
            FROM \(ticketsName) FINAL
            PREWHERE ticket_id IN (SELECT ticket_id FROM \(indexName) WHERE \(touched))
            WHERE \(touched) AND is_sold = 1
            GROUP BY \(key)
            """
    }

    /// The days of `months` that this run does not recompute, as they are. Without `FINAL`:
    /// the daily table never holds a key twice (it is only ever written by swapping in a
    /// stage of unique keys), so a plain read is the same rows, read in parallel, without
    /// merging the months.
    func untouched(months: [Int], days: [UInt16]) -> String {
        """
        SELECT \(Self.columnList) FROM \(dailyName)
        WHERE \(DailySalesRow.monthPartition) IN (\(months.map(String.init).joined(separator: ", "))) AND NOT \(Self.salesDate(in: days))
        """
    }

    /// Swaps the months in, each atomically: readers see a month old or new, never half.
    /// One statement for all of them.
    func replacePartitions(months: [Int]) -> String {
        "ALTER TABLE \(dailyName) " + months.map { "REPLACE PARTITION \($0) FROM \(stageName)" }.joined(separator: ", ")
    }

    /// The fresh rows of the touched `days`, in column `daily_rows` (a read of those days only).
    func countFresh(days: [UInt16]) -> String {
        "SELECT count() AS daily_rows FROM \(stageName) WHERE \(Self.salesDate(in: days))"
    }

    /// `sales_date` among `days` (day numbers, not empty), parenthesised: each run of at least
    /// ``shortestRange`` consecutive days as one `BETWEEN`, the other days in one `IN` list. A
    /// backfill slice touches about 30 consecutive days, which one range says in a fraction of
    /// the list's text for the server to parse, three times per statement (measured on 18.16: the
    /// fill about 1 ms, a tenth, cheaper a slice); a 15-minute run's scattered days stay a list.
    static func salesDate(in days: [UInt16]) -> String {
        var ranges: [String] = []
        var singles: [UInt16] = []
        var run: [UInt16] = []
        func close() {
            if run.count >= shortestRange, let first = run.first, let last = run.last {
                ranges.append("sales_date BETWEEN \(date(first)) AND \(date(last))")
            } else {
                singles += run
            }
            run = []
        }
        for day in Set(days).sorted() {
            if let last = run.last, day != last + 1 { close() }
            run.append(day)
        }
        close()
        if !singles.isEmpty { ranges.append("sales_date IN (\(dayList(singles)))") }
        return "(" + ranges.joined(separator: " OR ") + ")"
    }

    /// Consecutive days from which a `BETWEEN` is shorter than listing them.
    static let shortestRange = 3

    static func date(_ day: UInt16) -> String { "toDate('\(SalesCalendar.isoDate(day))')" }

    static func dayList(_ days: [UInt16]) -> String {
        days.map(date).joined(separator: ", ")
    }
}
