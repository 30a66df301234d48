import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// The recompute reads the touched days through the ticket-day index and gives the same daily
/// table as the whole-table recompute did: every day equal to the aggregate of all its sold
/// tickets, `count()` equal to `count() FINAL`.
@Suite(.serialized) struct RecomputeIndexTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 43, events: 10, maxShowsPerEvent: 3, orders: 2_500, maxTicketsPerOrder: 4, historyHours: 24 * 90)

    @Test func theIndexGivesTheSameDailyTableAsTheWholeTableRecompute() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: 24 * 91, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            for hour in 1...3 {
                let later = Self.generatedAt.addingTimeInterval(Double(hour) * 3_600)
                organiser.mutate(seed: UInt64(hour), newOrders: 50, refunds: 40, cancellations: 20, now: later)
                await harness.fake.replaceOrganiser(organiser)
                let report = try await harness.run(sinceHours: 1, now: later.addingTimeInterval(60))
                #expect(report.status == .ok, "\(report.message)")
            }
            try await expectEqualToTruth(harness, organiser.groundTruth())

            // The whole-table recompute, as the ingester did it before the index, read here
            // (18.16 has no positional ORDER BY).
            let wholeTable = try await harness.clickHouse.query("""
                SELECT toString(sales_date), event_id, show_id, city, toUnixTimestamp(max(payed_at)), sum(quantity), toString(sum(price))
                FROM \(harness.table("fact_qtickets_tickets")) FINAL WHERE is_sold = 1
                GROUP BY sales_date, event_id, show_id, city ORDER BY sales_date, event_id, show_id, city FORMAT TSV
                """)
            let daily = try await harness.clickHouse.query("""
                SELECT toString(sales_date), event_id, show_id, city, toUnixTimestamp(sale_ts), tickets_sold, toString(revenue)
                FROM \(harness.table("fact_qtickets_sales_daily")) ORDER BY sales_date, event_id, show_id, city FORMAT TSV
                """)
            #expect(daily == wholeTable)
            #expect(!daily.isEmpty)
            // Every sold ticket is in the index under its day.
            let unindexed = try await harness.scalar("""
                SELECT count() FROM \(harness.table("fact_qtickets_tickets")) FINAL
                WHERE is_sold = 1 AND (sales_date, ticket_id) NOT IN (SELECT sales_date, ticket_id FROM \(harness.table("fact_qtickets_ticket_days")))
                """)
            #expect(unindexed == "0")
        }
    }
}
