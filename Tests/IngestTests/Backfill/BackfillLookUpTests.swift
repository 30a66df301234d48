import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// The stored-state look-ups of a backfill (``StoredDayLookup``), counted on the wire by a
/// proxy in front of the real ClickHouse: a first backfill sends none (its slices' tickets
/// were not stored before it), and a backfill over stored tickets still looks them up, so a
/// payment moved to another day fixes the day it left.
@Suite(.serialized) struct BackfillLookUpTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 43, events: 8, maxShowsPerEvent: 3, orders: 900, maxTicketsPerOrder: 3, historyHours: 24 * 20)
    static let sinceHours = 24 * 21

    @Test func aFirstBackfillLooksUpNoTicketAndABackfillOverStoredTicketsFixesTheDaysTheyLeft() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let environment = try ClickHouseTestEnvironment.load()
        let proxy = try await ClickHouseFaultProxy.start(upstream: environment.url)
        try await withCleanup {
            let settings = ["INGEST_SLICE_DAYS": "5", "CLICKHOUSE_HOST": proxy.url]
            try await IngestHarness.with(organiser, settings: settings) { harness in
                let first = try await harness.backfill(sinceHours: Self.sinceHours, now: Self.generatedAt.addingTimeInterval(60))
                #expect(first.status == .ok, "\(first.message)")
                try await expectEqualToTruth(harness, organiser.groundTruth())
                #expect(try await harness.slices(of: first.runID).count >= 4)
                #expect(Self.lookUps(proxy) == 0, "a first backfill looked up tickets no run had stored")

                // Payments moved to other days, and one cleared: the next backfill's open slice
                // loads them; their stored days must be found and recomputed.
                let t = organiser.nowEpoch + 600
                let moved = try organiser.moveThreePayments(at: t)
                try #require(moved.count == 3)
                await harness.fake.replaceOrganiser(organiser)
                let before = try await harness.sales()

                let second = try await harness.backfill(sinceHours: Self.sinceHours, now: Date(timeIntervalSince1970: TimeInterval(t + 60)))
                #expect(second.status == .ok, "\(second.message)")
                try await expectEqualToTruth(harness, organiser.groundTruth())
                #expect(Self.lookUps(proxy) > 0, "a backfill over stored tickets looked none up")
                let after = try await harness.sales()
                for day in moved.compactMap(\.payedAt).map({ FakeTimestamp.dateString($0, offsetSeconds: FakeTimestamp.moscowOffsetSeconds) }) {
                    #expect(before.filter { $0.key.date == day } != after.filter { $0.key.date == day }, "day \(day) was left as it was")
                }
            }
        } cleanup: {
            await proxy.shutdown()
        }
    }

    /// The stored-state look-ups the proxy forwarded (``WarehouseSQL/storedSalesDays(ticketIDs:)``).
    static func lookUps(_ proxy: ClickHouseFaultProxy) -> Int {
        proxy.requests.filter { $0.statement.contains("toUInt16(sales_date) AS day") }.count
    }
}
