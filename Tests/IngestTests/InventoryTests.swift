import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// The inventory table holds the live, upcoming shows and no others, read exactly as the
/// runbook reads it (no `FINAL`); a show whose seats fail keeps its previous row, the run ends
/// `error` naming it, and the sales land all the same.
@Suite(.serialized) struct InventoryTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 31, events: 20, maxShowsPerEvent: 3, orders: 1_500, maxTicketsPerOrder: 3, historyHours: 24 * 20)
    static let backfillHours = 24 * 21

    /// The runbook's query, verbatim but for the database, and the truth's answer to it.
    func runbookCitySums(_ harness: IngestHarness) async throws -> String {
        try await harness.clickHouse.query(
            "SELECT city, sum(tickets_left) FROM \(harness.table("fact_qtickets_inventory_latest")) GROUP BY city ORDER BY city FORMAT TSV")
    }

    func citySums(_ truth: GroundTruth) -> String {
        Dictionary(grouping: truth.inventory.values, by: \.city)
            .map { ($0.key, $0.value.reduce(0) { $0 + $1.ticketsLeft }) }
            .sorted { $0.0 < $1.0 }
            .map { "\($0.0)\t\($0.1)\n" }.joined()
    }

    /// Four live shows of four different events.
    func liveShows(_ truth: GroundTruth) -> [(event: Int, show: Int)] {
        var seen = Set<Int>()
        return truth.inventory.keys.sorted().compactMap { id in
            guard let value = truth.inventory[id], seen.insert(value.eventID).inserted else { return nil }
            return (value.eventID, id)
        }
    }

    @Test func afterShowsAndEventsGoTheRunbookCountsTheLiveShowsOnly() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: Self.backfillHours, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            let live = liveShows(organiser.groundTruth())
            try #require(live.count >= 4)
            let t = organiser.nowEpoch + 600
            try organiser.deleteShow(id: live[0].show, at: t)
            try organiser.deleteEvent(id: live[1].event, at: t)
            try organiser.deactivateEvent(id: live[2].event, at: t)
            try organiser.endShow(id: live[3].show, at: t - 60)
            await harness.fake.replaceOrganiser(organiser)

            let report = try await harness.run(sinceHours: 1, now: Date(timeIntervalSince1970: TimeInterval(t + 60)))
            #expect(report.status == .ok, "\(report.message)")
            let truth = organiser.groundTruth()
            #expect(truth.inventory.count > 4)
            #expect(try await runbookCitySums(harness) == citySums(truth))
            let shows = try await harness.clickHouse.query("SELECT show_id FROM \(harness.table("fact_qtickets_inventory_latest")) ORDER BY show_id FORMAT TSV")
            #expect(shows == truth.inventory.keys.sorted().map { "\($0)\n" }.joined())
            try await expectEqualToTruth(harness, truth)
        }
    }

    @Test(arguments: [FaultPlan.SeatFailure.status503, .timeout])
    func aShowWhoseSeatsFailKeepsItsRowAndTheRunEndsErrorNamingIt(failure: FaultPlan.SeatFailure) async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let settings = ["QTICKETS_API_TIMEOUT_SECONDS": "1", "QTICKETS_API_MAX_ATTEMPTS": "2"]
        try await IngestHarness.with(organiser, settings: settings) { harness in
            #expect(try await harness.run(sinceHours: Self.backfillHours, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            let before = organiser.groundTruth().inventory

            let later = Self.generatedAt.addingTimeInterval(2 * 3_600)
            organiser.mutate(seed: 3, newOrders: 300, refunds: 20, cancellations: 10, now: later)
            let truth = organiser.groundTruth()
            // A show whose numbers moved, so its kept row is told apart from a fresh one.
            let failing = try #require(truth.inventory.keys.sorted().first { truth.inventory[$0] != before[$0] && before[$0] != nil })
            await harness.fake.replaceOrganiser(organiser)
            await harness.fake.setFaults(FaultPlan(failingSeats: [failing: failure]))

            let report = try await harness.run(sinceHours: 1, now: later.addingTimeInterval(60))
            #expect(report.status == .error)
            #expect(report.message.contains("seats of 1 show(s) could not be fetched (show ids \(failing))"), "\(report.message)")
            let recorded = try await harness.scalar("SELECT status FROM \(harness.table("meta_job_runs")) FINAL WHERE run_id = '\(report.runID)'")
            #expect(recorded == "error")

            // The sales landed; the failing show kept its previous row, every other live show is fresh.
            let sales = try await harness.sales()
            #expect(sales == truth.sales)
            var expected = truth.inventory
            expected[failing] = before[failing]
            let inventory = try await harness.inventory()
            #expect(inventory == expected.mapValues { IngestHarness.Inventory(eventID: $0.eventID, city: $0.city, total: $0.ticketsTotal, left: $0.ticketsLeft) })
            let plain = try await harness.scalar("SELECT count() FROM \(harness.table("fact_qtickets_inventory_latest"))")
            #expect(plain == String(expected.count))
        }
    }
}
