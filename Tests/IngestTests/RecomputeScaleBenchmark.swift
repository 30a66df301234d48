import ClickHouseHTTP
import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Not a timed test: prints the ClickHouse time of a 24-hour run on a one-year and on a
/// five-year warehouse at the same daily rate of orders, and their ratio (issue 10, goal 3:
/// at most 1.5). Opt-in: `QT_SCALE_BENCH=1 swift test --filter RecomputeScaleBenchmark`
/// (`QT_SCALE_BENCH_ORDERS`: orders per year, default 20,000).
///
/// ClickHouse time is the server's own: `system.query_log` (`type = 2`, the run's statements),
/// which needs a server with `<query_log>` configured and `log_queries = 1` for the writer's
/// profile; without it, the run's own recompute and swap phases stand in. The machine is
/// shared, so each 24-hour run is repeated and the quickest counts; rows read are exact.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["QT_SCALE_BENCH"] != nil))
struct RecomputeScaleBenchmark {
    struct Measurement {
        var years: Int
        var tickets = ""
        var touchedDays = 0
        var statements = 0
        var clickHouseMilliseconds = Int.max
        var readRows = 0
        var recomputeSeconds = 0.0
        var breakdown = ""
    }

    static let now = Date(timeIntervalSince1970: 1_764_500_000)
    static let repeats = 3

    /// A real organiser's ids ascend with time (an order gets its id when it is created), so a
    /// day's tickets are neighbours in `ticket_id`; the fake's do too now (`ProceduralOrders`,
    /// give or take the payments it moves to midnight). `idsInTimeOrder` re-sorts them strictly
    /// by creation time; both are measured.
    @Test(arguments: [false, true])
    func aDayRunOnFiveYearsCostsAboutWhatItCostsOnOne(idsInTimeOrder: Bool) async throws {
        let perYear = Int(ProcessInfo.processInfo.environment["QT_SCALE_BENCH_ORDERS"] ?? "") ?? 20_000
        let one = try await measure(years: 1, orders: perYear, idsInTimeOrder: idsInTimeOrder)
        let five = try await measure(years: 5, orders: perYear * 5, idsInTimeOrder: idsInTimeOrder)
        print("ids \(idsInTimeOrder ? "strictly in time order" : "as the fake generates them (ascending with time)")")
        for m in [one, five] { print("\(m.years) y, the quickest 24-hour run's statements by time:\n" + m.breakdown) }
        print("history | tickets | touched days | statements | ClickHouse ms | rows read | recompute phase s")
        for m in [one, five] {
            print("\(m.years) y | \(m.tickets) | \(m.touchedDays) | \(m.statements) | \(m.clickHouseMilliseconds) | \(m.readRows) | "
                + String(format: "%.3f", m.recomputeSeconds))
        }
        let ratio = Double(five.clickHouseMilliseconds) / Double(max(1, one.clickHouseMilliseconds))
        let rows = Double(five.readRows) / Double(max(1, one.readRows))
        print(String(format: "5-year / 1-year: ClickHouse time %.2f, rows read %.2f", ratio, rows))
    }

    /// The same orders, their ids (and their tickets' ids) reassigned in order of creation.
    static func inTimeOrder(_ organiser: Organiser) -> Organiser {
        var result = organiser
        let orderIDs = organiser.orders.map(\.id)
        let basketIDs = organiser.orders.flatMap { $0.baskets.map(\.id) }.sorted()
        var nextBasket = 0
        result.orders = OrderStore(organiser.orders.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) })
        for i in result.orders.indices {
            result.orders[i].id = orderIDs[i]
            for b in result.orders[i].baskets.indices {
                result.orders[i].baskets[b].id = basketIDs[nextBasket]
                nextBasket += 1
            }
        }
        return result
    }

    func measure(years: Int, orders: Int, idsInTimeOrder: Bool) async throws -> Measurement {
        let spec = OrganiserSpec(seed: 5, events: 60, maxShowsPerEvent: 4, orders: orders, maxTicketsPerOrder: 4, historyHours: years * 8_760)
        let generated = Organiser.generate(spec, now: Self.now)
        let organiser = idsInTimeOrder ? Self.inTimeOrder(generated) : generated
        let server = try ClickHouseClient(configuration: try ClickHouseTestEnvironment.load().configuration(admin: true), logger: .init(label: "bench"))
        return try await withCleanup {
            try await IngestHarness.with(organiser, databasePrefix: "bench_") { harness in
                let backfill = try await harness.run(sinceHours: years * 8_760 + 48, now: Self.now.addingTimeInterval(60))
                #expect(backfill.status == .ok, "\(backfill.message)")
                // A settled warehouse: its parts merged, as they are long after a backfill.
                for table in ["fact_qtickets_tickets", "fact_qtickets_ticket_days", "fact_qtickets_sales_daily"] {
                    try await harness.clickHouse.execute("OPTIMIZE TABLE \(harness.table(table)) FINAL")
                }
                var best = Measurement(years: years)
                best.tickets = try await harness.scalar("SELECT count() FROM \(harness.table("fact_qtickets_tickets"))")
                for attempt in 0..<Self.repeats {
                    // The run's statements are those that start from the next second on.
                    try await Task.sleep(for: .seconds(1.1))
                    let start = try await harness.scalar("SELECT toUnixTimestamp(now())")
                    let day = try await harness.run(sinceHours: 24, now: Self.now.addingTimeInterval(120 + Double(attempt)))
                    #expect(day.status == .ok, "\(day.message)")
                    var run = try await logged(server, harness, since: start)
                    let phases = day.metrics.phases
                    if run.clickHouseMilliseconds == Int.max {
                        run.clickHouseMilliseconds = Int((phases["recompute_daily", default: 0] + phases["inventory_swap", default: 0]) * 1_000)
                    }
                    run.recomputeSeconds = phases["recompute_daily", default: 0]
                    run.touchedDays = day.metrics.counters["touched_days"] ?? 0
                    run.tickets = best.tickets
                    run.years = years
                    if run.clickHouseMilliseconds < best.clickHouseMilliseconds { best = run }
                }
                return best
            }
        } cleanup: {
            try await server.shutdown()
        }
    }

    /// The run's statements in the query log (nothing when the server keeps none, or logged none
    /// of them: a `query_log` table outlives a `<query_log>` section removed, or `log_queries`
    /// turned off, and then holds nothing of the run).
    func logged(_ server: ClickHouseClient, _ harness: IngestHarness, since start: String) async throws -> Measurement {
        var result = Measurement(years: 0)
        try await Task.sleep(for: .seconds(1))
        // A server without `<query_log>` answers FLUSH LOGS but has no table: phases stand in.
        guard (try? await server.execute("SYSTEM FLUSH LOGS")) != nil,
            (try? await server.query("EXISTS TABLE system.query_log"))?.hasPrefix("1") == true
        else { return result }
        let filter = """
            WHERE type = 2 AND query_start_time >= toDateTime(\(start)) AND position(query, '\(harness.database)') > 0
              AND position(query, 'system.') = 0
            """
        let totals = try await server.queryRows(
            "SELECT count() AS statements, sum(query_duration_ms) AS ms, sum(read_rows) AS read_rows FROM system.query_log \(filter)")
        result.statements = Int(totals.first?["statements"] ?? "") ?? 0
        guard result.statements > 0 else { return result }
        result.clickHouseMilliseconds = Int(totals.first?["ms"] ?? "") ?? Int.max
        result.readRows = Int(totals.first?["read_rows"] ?? "") ?? 0
        result.breakdown = try await server.query("""
            SELECT substring(replaceRegexpAll(query, '[0-9]+', 'N'), 1, 90) AS statement, count() AS n,
                   sum(query_duration_ms) AS ms, sum(read_rows) AS read_rows
            FROM system.query_log \(filter)
            GROUP BY statement ORDER BY ms DESC LIMIT 8 FORMAT TSV
            """)
        return result
    }
}
