import Foundation
import NIOCore
import Testing

@testable import QTicketsFake

@Suite struct GeneratorTests {
    @Test func sameSeedSameDataAndBytes() throws {
        let a = Fixtures.organiser(seed: 7, orders: 3_000)
        let b = Fixtures.organiser(seed: 7, orders: 3_000)
        #expect(a.orders == b.orders)
        #expect(a.events == b.events)
        #expect(a.seats == b.seats)
        #expect(try a.groundTruth().jsonData() == b.groundTruth().jsonData())
        var query = ListQuery()
        query.page = 3
        let pageA = FakeRouter.respond(route: .orders, query: query, snapshot: ServingSnapshot(a), allocator: .init())
        let pageB = FakeRouter.respond(route: .orders, query: query, snapshot: ServingSnapshot(b), allocator: .init())
        #expect(pageA.wholeBody != nil && pageA.wholeBody == pageB.wholeBody)

        let c = Fixtures.organiser(seed: 8, orders: 3_000)
        #expect(a.orders != c.orders)
    }

    @Test func producesEveryCaseTheIngesterMustHandle() throws {
        let o = Fixtures.organiser(seed: 42, orders: 5_000, events: 30)
        let now = o.nowEpoch
        let h = o.spec.historyHours * 3600
        let eventsByID = Dictionary(uniqueKeysWithValues: o.events.map { ($0.id, $0) })

        // Ids ascend; times are inside the history window and consistent.
        #expect(zip(o.orders, o.orders.dropFirst()).allSatisfy { $0.id < $1.id })
        for order in o.orders {
            #expect(order.updatedAt <= now && order.updatedAt >= now - h)
            if let payedAt = order.payedAt { #expect(payedAt <= order.updatedAt) }
            #expect(!order.clientEmail.isEmpty && !order.clientPhone.isEmpty && !order.clientName.isEmpty)
            if order.deletedAt != nil { #expect(order.baskets.allSatisfy { $0.deletedAt != nil }) }
            if eventsByID[order.eventID]?.deletedAt != nil { #expect(order.deletedAt != nil) }
        }
        let paid = o.orders.filter { $0.payed && $0.deletedAt == nil }
        let pending = o.orders.filter { !$0.payed && $0.deletedAt == nil }
        let cancelled = o.orders.filter { $0.deletedAt != nil }
        let paidThenCancelled = cancelled.filter { $0.payed }
        #expect(paid.count > o.orders.count / 2)
        #expect(pending.count > 100 && cancelled.count > 300 && paidThenCancelled.count > 50)
        #expect(paid.contains { $0.baskets.contains { $0.deletedAt != nil } })  // single cancelled ticket
        #expect(paid.contains { $0.baskets.contains { $0.refundedAt != nil } })  // refunded ticket
        let baskets = o.orders.flatMap(\.baskets)
        #expect(baskets.contains { $0.discountKopecks > 0 && $0.priceKopecks % 100 != 0 })  // kopecks after discount
        #expect(baskets.contains { $0.quantity > 1 })
        #expect(Set(o.orders.map { $0.baskets.count }).count >= 4)
        // Payments within ten minutes of midnight Moscow time.
        let nearMidnight = paid.filter { order in
            guard let t = order.payedAt else { return false }
            let secondOfDay = ((t + 10_800) % 86_400 + 86_400) % 86_400
            return secondOfDay < 600 || secondOfDay > 86_400 - 600
        }
        #expect(nearMidnight.count > 50)

        // Events, shows, cities.
        #expect(Set(o.events.map(\.city.timezone)).count >= 5)
        #expect(o.events.contains { $0.deletedAt != nil })
        #expect(o.events.contains { $0.shows.isEmpty })
        let shows = o.events.flatMap(\.shows)
        #expect(shows.contains { $0.deletedAt != nil })
        #expect(shows.contains { $0.finishDate < now } && shows.contains { $0.finishDate > now })
        #expect(shows.allSatisfy { abs($0.finishDate - now) >= 6 * 3600 })

        // Seats: tariff duplicates, disabled seats, admission zones, empty shows.
        let all = o.seats.values
        #expect(all.contains { seats in Set(seats.map(\.rootID)).count < seats.count })
        #expect(all.contains { $0.contains { $0.disabled } })
        #expect(all.contains { $0.contains { $0.admission && $0.maxQuantity > 1 } })
        #expect(all.contains { $0.isEmpty })
        #expect(all.contains { $0.contains { $0.payedQuantity > 0 && $0.freeQuantity < $0.maxQuantity } })
        for seats in all {
            for seat in seats {
                #expect(seat.freeQuantity + seat.payedQuantity + seat.inBasketQuantity == seat.maxQuantity)
            }
        }
    }

    @Test func generates100kOrders() {
        let clock = ContinuousClock()
        var organiser: Organiser?
        let elapsed = clock.measure {
            organiser = Organiser.generate(
                OrganiserSpec(seed: 1, events: 200, orders: 100_000, historyHours: 24 * 365), now: Fixtures.now)
        }
        #expect(organiser?.orderCount == 100_000)
        print("generate 100k orders: \(elapsed)")
    }
}
