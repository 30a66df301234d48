import Foundation
import ClickHouseHTTP
import Testing
@testable import Ingest

/// The warehouse's statements as text: derived from the table definitions, identifiers quoted.
@Suite struct WarehouseSQLTests {
    /// The recompute's SELECT is built in the daily table's column order (the INSERT names the
    /// same list), and each column has the expression that defines it.
    @Test func theRecomputeComputesEachDailyColumnInTheTableOrder() throws {
        let columns = DailySalesRow.table.columns.map(\.name)
        let select = try DailySalesRecompute.selectList(version: 42)
        #expect(select.count == columns.count)
        #expect(Dictionary(uniqueKeysWithValues: zip(columns, select)) == [
            "sales_date": "sales_date", "sale_ts": "max(payed_at)", "event_id": "event_id", "show_id": "show_id",
            "city": "city", "tickets_sold": "sum(quantity)", "revenue": "sum(price)", "version": "42",
        ])
        let statement = try WarehouseSQL(database: "zakaz").dailySalesRecompute(runTag: "r1").fill(days: [20_395], months: [202511], version: 42)
        #expect(statement.contains("(\(columns.joined(separator: ", ")))\nSELECT \(select.joined(separator: ", "))\n"))
        // The untouched days of the month follow in the same statement, in the same column order.
        #expect(statement.contains("UNION ALL\nSELECT \(columns.joined(separator: ", ")) FROM zakaz.fact_qtickets_sales_daily\n"))
        #expect(statement.contains("GROUP BY sales_date, event_id, show_id, city"))
        // It reads only columns the ticket table has.
        let ticketColumns = Set(TicketRow.table.columns.map(\.name))
        #expect(Set(DailySalesRecompute.aggregates.values.map(\.ticketColumn)).isSubset(of: ticketColumns))
        #expect(Set(DailySalesRow.table.orderBy).isSubset(of: ticketColumns))
    }

    /// The recompute's `PREWHERE` runs before `FINAL` collapses a ticket's versions, which is
    /// exact only for a filter on the ticket table's whole sorting key (every version of a ticket
    /// passes or fails together); the filters on the current state stay in `WHERE`. (With the
    /// day filter moved into the `PREWHERE`, `DayMoveTests` and `EndToEndTests` fail.)
    @Test func theRecomputesPrewhereFiltersOnlyOnTheTicketTablesSortingKey() throws {
        #expect(TicketRow.table.orderBy == ["ticket_id"])
        let aggregate = try WarehouseSQL(database: "zakaz").dailySalesRecompute(runTag: "r1").aggregate(days: [20_395, 20_396], version: 42)
        let lines = aggregate.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let prewhere = try #require(lines.first { $0.hasPrefix("PREWHERE ") })
        #expect(prewhere.hasPrefix("PREWHERE ticket_id IN (SELECT ticket_id FROM zakaz.fact_qtickets_ticket_days WHERE "))
        #expect(prewhere.hasSuffix("))"))
        #expect(!prewhere.contains(" AND "))
        let filters = try #require(lines.first { $0.hasPrefix("WHERE ") })
        #expect(filters.contains("sales_date") && filters.hasSuffix("AND is_sold = 1"))
    }

    @Test func aDatabaseNameStartingWithADigitIsQuotedInEveryStatement() throws {
        let sql = WarehouseSQL(database: "1st_org")
        let recompute = sql.dailySalesRecompute(runTag: "run-1")
        var statements = sql.schema.dropFirst() + [
            sql.insert(into: JobRunRow.table), sql.successfulWindows(limit: 10), sql.optimize(InventoryRow.table),
            recompute.dropStage, recompute.createStage, recompute.truncateStage,
            recompute.replacePartitions(months: [202511, 202512]), recompute.countFresh(days: [20_395]),
        ]
        statements.append(try recompute.fill(days: [20_395], months: [202511], version: 1))
        #expect(sql.schema.first == "CREATE DATABASE IF NOT EXISTS `1st_org`")
        for statement in statements {
            #expect(statement.contains("`1st_org`."), "\(statement)")
            #expect(!statement.contains(" 1st_org."), "\(statement)")
        }
        #expect(recompute.createStage == "CREATE TABLE `1st_org`.fact_qtickets_sales_daily_stage_run1 AS `1st_org`.fact_qtickets_sales_daily")
        // A plain name stays as it is: configs/schema.sql does not change.
        #expect(WarehouseSQL(database: "zakaz").schema.first == "CREATE DATABASE IF NOT EXISTS zakaz")
    }

    @Test func theCoverageReadIsThisJobsSuccessfulRuns() {
        let query = WarehouseSQL(database: "zakaz").successfulWindows(limit: 10)
        #expect(query.contains("WHERE job = '\(JobRunRow.jobName)' AND status = 'ok'"))
        #expect(query.contains("FROM zakaz.meta_job_runs FINAL"))
    }
}
