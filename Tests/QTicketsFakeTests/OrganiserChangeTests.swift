import Foundation
import Testing

@testable import QTicketsFake

/// The back-office changes tests apply between runs, and what each does to the served data
/// and to the truth.
@Suite struct OrganiserChangeTests {
    /// Four live, upcoming shows of four different live, active events.
    func liveShows(_ o: Organiser) -> [(event: Int, show: Int)] {
        let truth = o.groundTruth()
        var seen = Set<Int>()
        return truth.inventory.keys.sorted().compactMap { id in
            guard let value = truth.inventory[id], seen.insert(value.eventID).inserted else { return nil }
            return (value.eventID, id)
        }
    }

    @Test func deletingDeactivatingAndEndingTakeShowsOutOfTheInventory() async throws {
        var o = Fixtures.organiser(seed: 5, orders: 800, events: 20)
        let live = liveShows(o)
        try #require(live.count >= 4)
        let t = o.nowEpoch + 600
        try o.deleteShow(id: live[0].show, at: t)
        try o.deleteEvent(id: live[1].event, at: t)
        try o.deactivateEvent(id: live[2].event, at: t)
        try o.endShow(id: live[3].show, at: t - 60)
        let truth = o.groundTruth()
        for (event, show) in live.prefix(4) {
            #expect(truth.inventory[show] == nil)
            if event == live[1].event || event == live[2].event {
                #expect(truth.inventory.values.allSatisfy { $0.eventID != event })
            }
        }
        #expect(truth.finishedInventory[live[3].show] != nil)
        #expect(o.nowEpoch == t)
        #expect(throws: OrganiserChangeError.unknownShow(1)) { try o.deleteShow(id: 1, at: t) }
        #expect(throws: OrganiserChangeError.unknownEvent(2)) { try o.deactivateEvent(id: 2, at: t) }

        // The API serves what changed.
        try await FakeHarness.with(o) { fake in
            let events = try await fake.allPages("events").rows
            let byID = Dictionary(uniqueKeysWithValues: events.compactMap { e in (e["id"] as? Int).map { ($0, e) } })
            #expect(byID[live[1].event]?["deleted_at"] is String)
            #expect(byID[live[2].event]?["is_active"] as? Int == 0)
            let shows = events.flatMap { $0["shows"] as? [[String: Any]] ?? [] }
            let deleted = shows.first { $0["id"] as? Int == live[0].show }
            let ended = shows.first { $0["id"] as? Int == live[3].show }
            #expect(deleted?["deleted_at"] as? String == FakeTimestamp.format(t))
            #expect(ended?["finish_date"] as? String == FakeTimestamp.format(t - 60))
        }
    }

    @Test func changingOrClearingPayedAtMovesTheTicketsDay() throws {
        var o = Fixtures.organiser(seed: 6, orders: 600)
        let paid = try #require(o.orders.first { order in order.payed && order.deletedAt == nil && order.baskets.contains { order.isSold($0) } })
        let payedAt = try #require(paid.payedAt)
        let before = o.groundTruth()
        let day = FakeTimestamp.dateString(payedAt, offsetSeconds: FakeTimestamp.moscowOffsetSeconds)
        let t = o.nowEpoch + 60
        let threeDaysEarlier = payedAt - 3 * 86_400
        try o.changePayedAt(orderID: paid.id, to: threeDaysEarlier, at: t)
        let moved = o.groundTruth()
        let newDay = FakeTimestamp.dateString(threeDaysEarlier, offsetSeconds: FakeTimestamp.moscowOffsetSeconds)
        let sold = paid.baskets.filter { paid.isSold($0) }.reduce(0) { $0 + $1.quantity }
        func tickets(_ truth: GroundTruth, _ date: String) -> Int {
            truth.sales.filter { $0.key.date == date && $0.key.eventID == paid.eventID }.values.reduce(0) { $0 + $1.ticketsSold }
        }
        #expect(tickets(moved, day) == tickets(before, day) - sold)
        #expect(tickets(moved, newDay) == tickets(before, newDay) + sold)
        #expect(moved.totalTicketsSold == before.totalTicketsSold)

        try o.changePayedAt(orderID: paid.id, to: nil, at: t)
        let cleared = o.groundTruth()
        #expect(cleared.totalTicketsSold == before.totalTicketsSold - sold)
        let order = try #require(o.orders.first { $0.id == paid.id })
        #expect(!order.payed && order.payedAt == nil && order.updatedAt == t)
        #expect(order.baskets.allSatisfy { $0.barcode == nil })
    }

    @Test func modifyOrderStampsExactlyTheGivenSecondEvenTwice() throws {
        var o = Fixtures.organiser(seed: 7, orders: 300)
        let id = o.orders[42].id
        let t = o.nowEpoch + 5
        try o.modifyOrder(id: id, at: t) { $0.baskets[0].discountKopecks = 0 }
        try o.modifyOrder(id: id, at: t) { $0.baskets[0].originalPriceKopecks = 777_700 }
        let order = o.orders[42]
        #expect(order.updatedAt == t && order.baskets[0].priceKopecks == 777_700)
        #expect(throws: OrganiserChangeError.unknownOrder(3)) { try o.modifyOrder(id: 3, at: t) { _ in } }
        // Occupancy follows the orders: cancelling frees the seats.
        let cancelID = try #require(o.orders.first { $0.payed && $0.deletedAt == nil }?.id)
        let left = o.groundTruth().inventory.values.reduce(0) { $0 + $1.ticketsLeft }
        try o.modifyOrder(id: cancelID, at: t) { $0.cancel(at: t) }
        #expect(o.groundTruth().inventory.values.reduce(0) { $0 + $1.ticketsLeft } >= left)
    }

    @Test func updateOrganiserOnTheServerIsAtomicAndServed() async throws {
        let o = Fixtures.organiser(seed: 8, orders: 200)
        let id = o.orders[10].id
        try await FakeHarness.with(o) { fake in
            let updated = try await fake.server.updateOrganiser { organiser throws(OrganiserChangeError) in
                try organiser.modifyOrder(id: id, at: o.nowEpoch + 30) { $0.scan(at: o.nowEpoch + 30) }
            }
            #expect(updated.orders[10].updatedAt == o.nowEpoch + 30)
            let one = try await fake.get("orders/\(id)")
            let data = try #require(one.json?["data"] as? [String: Any])
            #expect(data["updated_at"] as? String == FakeTimestamp.format(o.nowEpoch + 30))
        }
    }
}
