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

    /// Paid orders with a sold ticket, paid on different days, none in the last two days.
    func paidOrders(_ organiser: Organiser, count: Int) -> [FakeOrder] {
        var days = Set<Int>()
        return Array(organiser.orders.filter { order in
            guard order.payed, order.deletedAt == nil, let payedAt = order.payedAt, payedAt < organiser.nowEpoch - 2 * 86_400,
                order.baskets.contains(where: order.isSold) else { return false }
            return days.insert(payedAt / 86_400).inserted
        }.prefix(count))
    }

    @Test func aPaymentMovedToAnotherDayOrClearedFixesTheDayItLeft() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: 24 * 31, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            let orders = paidOrders(organiser, count: 3)
            try #require(orders.count == 3)
            let t = organiser.nowEpoch + 600
            // Moved three days earlier, moved to today, and no longer paid.
            try organiser.changePayedAt(orderID: orders[0].id, to: (orders[0].payedAt ?? 0) - 3 * 86_400, at: t)
            try organiser.changePayedAt(orderID: orders[1].id, to: t - 60, at: t)
            try organiser.changePayedAt(orderID: orders[2].id, to: nil, at: t)
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
