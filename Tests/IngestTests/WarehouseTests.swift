import ClickHouseHTTP
import Foundation
import Logging
import QTicketsAPI
import QTicketsFake
import TestSupport
import Testing
@testable import Ingest

/// Every statement of ``ClickHouseWarehouse`` against the real ClickHouse, in databases whose
/// names start with a digit: unquoted, such a name is a syntax error (Code 62).
@Suite(.serialized) struct WarehouseTests {
    func withWarehouse(_ body: (ClickHouseWarehouse, ClickHouseClient, String) async throws -> Void) async throws {
        try await ClickHouseTestEnvironment.withScratchDatabase(prefix: "1wh_") { client, database in
            let warehouse = ClickHouseWarehouse(
                client: client, database: database, batching: BatchingConfiguration(), runID: "run-1", logger: Logger(label: "test")
            )
            try await warehouse.prepareSchema()
            try await body(warehouse, client, database)
        }
    }

    func jobRun(_ id: String, status: JobRunRow.Status, from: UInt32, to: UInt32, version: UInt64) -> JobRunRow {
        JobRunRow(runID: id, startedAt: to, finishedAt: status == .running ? nil : to + 60, status: status, rowsProcessed: 0,
                  message: "", metrics: "{}", windowFrom: from, windowTo: to, toolVersion: "test", version: version)
    }

    @Test func schemaJobRunsCoverageAndCompactionWork() async throws {
        try await withWarehouse { warehouse, client, database in
            try await warehouse.prepareSchema()  // again: idempotent
            try await warehouse.recordRun(jobRun("a", status: .running, from: 1_000, to: 5_000, version: 1))
            #expect(try await warehouse.successfulWindows() == [])
            try await warehouse.recordRun(jobRun("a", status: .ok, from: 1_000, to: 5_000, version: 2))
            try await warehouse.recordRun(jobRun("b", status: .ok, from: 4_000, to: 9_000, version: 3))
            try await warehouse.recordRun(jobRun("c", status: .error, from: 8_000, to: 12_000, version: 4))
            var other = jobRun("d", status: .ok, from: 0, to: 20_000, version: 5)
            other.job = "another_job"
            try await warehouse.recordRun(other)
            let window = { (from: TimeInterval, to: TimeInterval) in
                CoverageTracker.Window(from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to))
            }
            #expect(try await warehouse.successfulWindows() == [window(4_000, 9_000), window(1_000, 5_000)])

            try await warehouse.compact()
            let runs = JobRunRow.table.qualifiedName(database: database)
            #expect(try await client.query("SELECT count() FROM \(runs) WHERE run_id = 'a' FORMAT TSV") == "1\n")
        }
    }

    @Test func theDailyNumbersCountOnlySoldTickets() async throws {
        try await withWarehouse { warehouse, client, database in
            let rows = HandMadeOrders.rows(HandMadeOrders.mixed)
            let sink = warehouse.ticketSink()
            try await sink.append(contentsOf: rows)
            #expect(try await sink.finish() == 4)
            let day = try #require(rows.first?.salesDay)
            #expect(try await warehouse.recomputeDailySales(days: [day], version: 7) == 1)
            let daily = try await client.queryRows("""
                SELECT toString(sales_date) AS day, toUnixTimestamp(sale_ts) AS sale_seconds, event_id, show_id, city,
                       tickets_sold, toString(revenue) AS revenue_text, version
                FROM \(DailySalesRow.table.qualifiedName(database: database)) FINAL
                """)
            #expect(daily == [[
                "day": "2025-11-03", "sale_seconds": String(HandMadeOrders.date("2025-11-03T23:59:00+03:00").dateTimeSeconds),
                "event_id": "33", "show_id": "7", "city": "Москва", "tickets_sold": "3", "revenue_text": "1234.60", "version": "7",
            ]])
        }
    }

    @Test func aRecomputeReplacesItsDaysAndKeepsTheRestOfTheMonth() async throws {
        try await withWarehouse { warehouse, client, database in
            let early = HandMadeOrders.order(id: 1, baskets: [Basket(id: 11, showID: 7, price: 100)])
            let later = HandMadeOrders.order(id: 2, payedAt: "2025-11-05T12:00:00+03:00", baskets: [Basket(id: 21, showID: 7, price: 250)])
            let sink = warehouse.ticketSink()
            try await sink.append(contentsOf: HandMadeOrders.rows(early) + HandMadeOrders.rows(later))
            _ = try await sink.finish()
            let days = Set((HandMadeOrders.rows(early) + HandMadeOrders.rows(later)).map(\.salesDay))
            #expect(try await warehouse.recomputeDailySales(days: days, version: 1) == 2)

            // The early order's only ticket is refunded: its day loses its row, the other day stays.
            let refunded = HandMadeOrders.order(
                id: 1, updatedAt: "2025-11-12T10:00:00+03:00",
                baskets: [Basket(id: 11, showID: 7, price: 100, refundedAt: HandMadeOrders.date("2025-11-12T09:00:00+03:00"))]
            )
            let refundSink = warehouse.ticketSink()
            try await refundSink.append(contentsOf: HandMadeOrders.rows(refunded))
            _ = try await refundSink.finish()
            let earlyDay = try #require(HandMadeOrders.rows(refunded).first?.salesDay)
            #expect(try await warehouse.recomputeDailySales(days: [earlyDay], version: 2) == 0)

            let daily = DailySalesRow.table.qualifiedName(database: database)
            // Without FINAL: the swapped month holds exactly one row, the untouched day's.
            #expect(try await client.query("SELECT toString(sales_date), toString(revenue), version FROM \(daily) FORMAT TSV") == "2025-11-05\t250.00\t1\n")
            // No staging table is left behind.
            #expect(try await client.query("SELECT count() FROM system.tables WHERE database = '\(database)' AND name LIKE '%stage%' FORMAT TSV") == "0\n")
        }
    }

    /// A backfill's recomputes share one staging table: the first makes it, the ones after use
    /// it (truncated first), one that finds it gone fails and the next makes it again, and it is
    /// dropped when the backfill ends; the numbers are each recompute's own.
    @Test func aBackfillKeepsOneDailyStageAcrossItsRecomputesAndDropsItAtTheEnd() async throws {
        try await withWarehouse { warehouse, client, database in
            let stages = "SELECT count() FROM system.tables WHERE database = '\(database)' AND name LIKE '%_stage_%' FORMAT TSV"
            let daily = DailySalesRow.table.qualifiedName(database: database)
            let first = HandMadeOrders.order(id: 1, baskets: [Basket(id: 11, showID: 7, price: 100)])
            let second = HandMadeOrders.order(id: 2, payedAt: "2025-10-05T12:00:00+03:00", baskets: [Basket(id: 21, showID: 7, price: 250)])
            let third = HandMadeOrders.order(id: 3, payedAt: "2025-09-05T12:00:00+03:00", baskets: [Basket(id: 31, showID: 7, price: 40)])
            let sink = warehouse.ticketSink()
            try await sink.append(contentsOf: [first, second, third].flatMap { HandMadeOrders.rows($0) })
            _ = try await sink.finish()
            let day = { (order: Order) in Set(HandMadeOrders.rows(order).map(\.salesDay)) }

            let outcome: Result<[Int], any Error> = await warehouse.keepingDailyStage {
                do {
                    var rows = [try await warehouse.recomputeDailySales(days: day(first), version: 1)]
                    #expect(try await client.query(stages) == "1\n")  // kept for the next slice
                    rows.append(try await warehouse.recomputeDailySales(days: day(second), version: 2))
                    // Gone under it (a stale-stage sweep): that recompute fails, the next makes it anew.
                    try await client.execute(DailySalesRecompute(sql: warehouse.sql, runTag: warehouse.runTag).dropStage)
                    await #expect(throws: (any Error).self) { try await warehouse.recomputeDailySales(days: day(third), version: 3) }
                    rows.append(try await warehouse.recomputeDailySales(days: day(third), version: 4))
                    #expect(try await client.query(stages) == "1\n")
                    return .success(rows)
                } catch {
                    return .failure(error)
                }
            }
            #expect(try outcome.get() == [1, 1, 1])
            #expect(try await client.query(stages) == "0\n")
            #expect(try await client.query("SELECT toString(sales_date), toString(revenue), version FROM \(daily) ORDER BY sales_date FORMAT TSV")
                == "2025-09-05\t40.00\t4\n2025-10-05\t250.00\t2\n2025-11-03\t100.00\t1\n")
            // Outside a backfill, a recompute makes and drops its own.
            #expect(try await warehouse.recomputeDailySales(days: day(first), version: 5) == 1)
            #expect(try await client.query(stages) == "0\n")
        }
    }

    /// The recompute's day predicate (ranges for runs of days, a list for the rest) selects
    /// exactly its days, as ClickHouse evaluates it: random sets of runs and single days.
    @Test func theRecomputesDayPredicateSelectsExactlyItsDays() async throws {
        try await withWarehouse { _, client, _ in
            var random = SystemRandomNumberGenerator()
            let first: UInt16 = 20_000  // 2024-10-04; the days probed: 400 from there
            for round in 0..<40 {
                var days = Set<UInt16>()
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    let start = first + UInt16.random(in: 0..<380, using: &random)
                    let length = UInt16(round % 4 == 0 ? 1 : Int.random(in: 1...40, using: &random))
                    days.formUnion(start..<min(start + length, first + 400))
                }
                let predicate = DailySalesRecompute.salesDate(in: Array(days))
                let selected = try await client.query("""
                    SELECT toUInt16(sales_date) FROM (SELECT toDate(toDate('2024-10-04') + number) AS sales_date FROM system.numbers LIMIT 400)
                    WHERE \(predicate) FORMAT TSV
                    """)
                #expect(Set(selected.split(separator: "\n").compactMap { UInt16($0) }) == days, "\(predicate)")
                let rest = try await client.query("""
                    SELECT count() FROM (SELECT toDate(toDate('2024-10-04') + number) AS sales_date FROM system.numbers LIMIT 400)
                    WHERE NOT \(predicate) FORMAT TSV
                    """)
                #expect(rest == "\(400 - days.count)\n")
            }
            #expect(DailySalesRecompute.salesDate(in: [20_000, 20_001, 20_002, 20_005])
                == "(sales_date BETWEEN toDate('2024-10-04') AND toDate('2024-10-06') OR sales_date IN (toDate('2024-10-09')))")
        }
    }

    /// The whole product, through the entry point, in such a database.
    @Test func aWholeRunWorksInADatabaseWhoseNameStartsWithADigit() async throws {
        let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
        let spec = OrganiserSpec(seed: 3, events: 5, maxShowsPerEvent: 3, orders: 300, maxTicketsPerOrder: 3, historyHours: 24 * 10)
        let organiser = Organiser.generate(spec, now: generatedAt)
        try await IngestHarness.with(organiser, databasePrefix: "7it_") { harness in
            let first = try await harness.run(sinceHours: 24 * 11, now: generatedAt.addingTimeInterval(60))
            #expect(first.status == .ok, "\(first.message)")
            let second = try await harness.run(sinceHours: 1, now: generatedAt.addingTimeInterval(120))
            #expect(second.status == .ok, "\(second.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())
            #expect(try await harness.scalar("SELECT count() FROM \(harness.table("meta_job_runs")) FINAL WHERE status = 'ok'") == "2")
        }
    }

    /// Inserts travel gzip'd when asked, plain by default to this machine's ClickHouse
    /// (`CLICKHOUSE_COMPRESSION=auto`), and the warehouse holds the truth either way.
    @Test(arguments: ["gzip", "auto"])
    func aWholeRunLoadsTheTruthWithGzipOrPlainInserts(_ compression: String) async throws {
        let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
        let spec = OrganiserSpec(seed: 5, events: 5, maxShowsPerEvent: 3, orders: 400, maxTicketsPerOrder: 3, historyHours: 24 * 10)
        let organiser = Organiser.generate(spec, now: generatedAt)
        try await IngestHarness.with(organiser, settings: ["CLICKHOUSE_COMPRESSION": compression]) { harness in
            let report = try await harness.run(sinceHours: 24 * 11, now: generatedAt.addingTimeInterval(60))
            #expect(report.status == .ok, "\(report.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())
            let tickets = try #require(report.metrics.tables[TicketRow.table.name])
            #expect(tickets.rawBytes > 0)
            if compression == "gzip" {
                #expect(tickets.compressedBytes * 2 < tickets.rawBytes, "\(tickets)")
            } else {
                #expect(tickets.compressedBytes == tickets.rawBytes, "\(tickets)")
            }
        }
    }
}
