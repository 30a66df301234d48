import ClickHouseHTTP
import Foundation
import Logging
import QTicketsAPI
import QTicketsFake
import Synchronization
import TestSupport
import Testing
@testable import Ingest

/// Two states of an order in the same `updated_at` second end with the later-fetched one,
/// whichever reaches the table first; the versions a run stamps itself never go backwards when
/// the host clock steps back.
@Suite(.serialized) struct VersionOrderTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 41, events: 8, maxShowsPerEvent: 3, orders: 1_200, maxTicketsPerOrder: 3, historyHours: 24 * 20)

    /// Through the fake: a ticket refunded, then un-refunded within the same second.
    @Test func equalSecondUpdatesLandInTheRightOrderThroughTheAPI() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: 24 * 21, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            let order = try #require(organiser.orders.first { $0.payed && $0.deletedAt == nil && !$0.refundableBaskets.isEmpty })
            let basket = try #require(order.refundableBaskets.first)
            let t = organiser.nowEpoch + 600
            try organiser.modifyOrder(id: order.id, at: t) { $0.refund(basket: basket, at: t) }
            await harness.fake.replaceOrganiser(organiser)
            #expect(try await harness.run(sinceHours: 1, now: Date(timeIntervalSince1970: TimeInterval(t + 30))).status == .ok)
            try await expectEqualToTruth(harness, organiser.groundTruth())

            try organiser.modifyOrder(id: order.id, at: t) { $0.baskets[basket].refundedAt = nil }
            await harness.fake.replaceOrganiser(organiser)
            #expect(try await harness.run(sinceHours: 1, now: Date(timeIntervalSince1970: TimeInterval(t + 40))).status == .ok)
            try await expectEqualToTruth(harness, organiser.groundTruth())
        }
    }

    /// In the warehouse: the later fetch wins whichever row was written last.
    @Test(arguments: [false, true])
    func theLaterFetchedStateWinsInEitherWriteOrder(laterWrittenFirst: Bool) async throws {
        try await ClickHouseTestEnvironment.withScratchDatabase(prefix: "vo_") { client, database in
            let warehouse = ClickHouseWarehouse(
                client: client, database: database, batching: BatchingConfiguration(), runID: "r", logger: Logger(label: "test"))
            try await warehouse.prepareSchema()
            let updated = "2025-11-10T10:00:00+03:00"
            let sold = HandMadeOrders.order(updatedAt: updated, baskets: [Basket(id: 11, showID: 7, price: 100)])
            let refunded = HandMadeOrders.order(
                updatedAt: updated, baskets: [Basket(id: 11, showID: 7, price: 100, refundedAt: HandMadeOrders.date(updated))])
            let fetched = HandMadeOrders.date(updated).addingTimeInterval(0.4)
            let first = try HandMadeOrders.transform.rows(for: sold, city: "Москва", fetchedAt: fetched)
            let second = try HandMadeOrders.transform.rows(for: refunded, city: "Москва", fetchedAt: fetched.addingTimeInterval(0.3))
            for rows in laterWrittenFirst ? [second, first] : [first, second] {
                let sink = warehouse.ticketSink()
                try await sink.append(contentsOf: rows)
                _ = try await sink.finish()
            }
            let status = try await client.query("SELECT status FROM \(TicketRow.table.qualifiedName(database: database)) FINAL FORMAT TSV")
            #expect(status == "refunded\n")
        }
    }

    /// A host clock one day behind, stepping back another hour during the run: the second
    /// run's `meta_job_runs` row still replaces its `running` row, and every version it
    /// stamps is above every version of the first run.
    @Test func versionsDoNotGoBackwardsWhenTheHostClockStepsBack() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let first = try await harness.run(sinceHours: 24 * 21, now: Self.generatedAt.addingTimeInterval(60))
            #expect(first.status == .ok)
            let reads = Mutex(0)
            let stepping: @Sendable () -> Date = {
                let read = reads.withLock { count in
                    count += 1
                    return count
                }
                return Date().addingTimeInterval(read <= 2 ? -86_400 : -90_000)
            }
            let second = try await harness.run(sinceHours: 1, now: Self.generatedAt.addingTimeInterval(120), wallClock: stepping)
            #expect(second.status == .ok, "\(second.message)")
            #expect(reads.withLock { $0 } > 3, "the run read the stepping clock")

            let runs = try await harness.clickHouse.queryRows(
                "SELECT run_id, status, version FROM \(harness.table("meta_job_runs")) FINAL ORDER BY version")
            #expect(runs.map { $0["run_id"] } == [first.runID, second.runID])
            #expect(runs.map { $0["status"] } == ["ok", "ok"])
            let firstMax = try await harness.scalar(
                "SELECT max(version) FROM \(harness.table("meta_job_runs")) WHERE run_id = '\(first.runID)'")
            let inventoryMin = try await harness.scalar("SELECT min(version) FROM \(harness.table("fact_qtickets_inventory_latest"))")
            let secondMin = try await harness.scalar(
                "SELECT min(version) FROM \(harness.table("meta_job_runs")) WHERE run_id = '\(second.runID)'")
            #expect(UInt64(inventoryMin) ?? 0 > UInt64(firstMax) ?? .max)
            #expect(UInt64(secondMin) ?? 0 > UInt64(firstMax) ?? .max)
        }
    }
}
