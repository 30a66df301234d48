import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// A change that moves a ticket out of a day fixes that day too: the stored day is read
/// before the new row replaces it.
@Suite(.serialized) struct DayMoveTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 37, events: 8, maxShowsPerEvent: 3, orders: 1_500, maxTicketsPerOrder: 3, historyHours: 24 * 30)

    @Test func aPaymentMovedToAnotherDayOrClearedFixesTheDayItLeft() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: 24 * 31, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            let t = organiser.nowEpoch + 600
            // Moved three days earlier, moved to today, and no longer paid.
            let orders = try organiser.moveThreePayments(at: t)
            try #require(orders.count == 3)
            await harness.fake.replaceOrganiser(organiser)
            let before = try await harness.sales()

            let report = try await harness.run(sinceHours: 1, now: Date(timeIntervalSince1970: TimeInterval(t + 60)))
            #expect(report.status == .ok, "\(report.message)")
            let truth = organiser.groundTruth()
            try await expectEqualToTruth(harness, truth)
            // The days the tickets left did change (the test would pass vacuously otherwise).
            let left = orders.compactMap(\.payedAt).map { FakeTimestamp.dateString($0, offsetSeconds: FakeTimestamp.moscowOffsetSeconds) }
            let after = try await harness.sales()
            for day in left {
                #expect(before.filter { $0.key.date == day } != after.filter { $0.key.date == day }, "day \(day)")
            }
        }
    }
}
