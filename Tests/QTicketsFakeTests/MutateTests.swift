import Foundation
import Testing

@testable import QTicketsFake

@Suite struct MutateTests {
    @Test func mutateMovesUpdatedAtAndChangesTheTruth() async throws {
        let before = Fixtures.organiser(seed: 21, orders: 2_000)
        let later = before.nowEpoch + 900
        var after = before
        after.mutate(seed: 99, newOrders: 40, refunds: 25, cancellations: 15, now: Date(timeIntervalSince1970: TimeInterval(later)))

        // Old orders: exactly the refunded / cancelled ones changed, and their updated_at is `now`.
        let old = Dictionary(uniqueKeysWithValues: before.orders.map { ($0.id, $0) })
        var refunded = 0
        var cancelled = 0
        var lostTickets = 0
        var lostKopecks = 0
        for order in after.orders {
            guard let was = old[order.id] else { continue }
            if order == was { continue }
            #expect(order.updatedAt == later)
            if order.deletedAt == later && was.deletedAt == nil {
                cancelled += 1
                for b in was.baskets where was.isSold(b) {
                    lostTickets += b.quantity
                    lostKopecks += b.priceKopecks
                }
            } else {
                let changed = zip(order.baskets, was.baskets).filter { $0 != $1 }
                #expect(changed.count == 1)
                #expect(changed.first?.0.refundedAt == later)
                refunded += 1
                if let b = changed.first?.1, was.isSold(b) {
                    lostTickets += b.quantity
                    lostKopecks += b.priceKopecks
                }
            }
        }
        #expect(refunded == 25 && cancelled == 15)

        // New orders: ascending ids after the old ones, inside [old now, new now].
        let new = after.orders.filter { old[$0.id] == nil }
        #expect(new.count == 40)
        #expect(zip(after.orders, after.orders.dropFirst()).allSatisfy { $0.id < $1.id })
        #expect(new.allSatisfy { $0.updatedAt > before.nowEpoch - 3600 && $0.updatedAt <= later })
        var gainedTickets = 0
        var gainedKopecks = 0
        for order in new {
            for b in order.baskets where order.isSold(b) {
                gainedTickets += b.quantity
                gainedKopecks += b.priceKopecks
            }
        }

        let t0 = before.groundTruth()
        let t1 = after.groundTruth()
        #expect(t1.totalTicketsSold == t0.totalTicketsSold - lostTickets + gainedTickets)
        #expect(t1.totalRevenue == t0.totalRevenue + Decimal(gainedKopecks - lostKopecks) / 100)
        #expect(t1.inventory != t0.inventory)  // seats freed and taken
        #expect(after.nowEpoch == later)

        // Deterministic.
        var again = before
        again.mutate(seed: 99, newOrders: 40, refunds: 25, cancellations: 15, now: Date(timeIntervalSince1970: TimeInterval(later)))
        #expect(again.orders == after.orders)
    }

    @Test func aWindowOnUpdatedAtSeesExactlyTheChanges() async throws {
        let before = Fixtures.organiser(seed: 22, orders: 1_000)
        let later = before.nowEpoch + 600
        try await FakeHarness.with(before) { fake in
            let mutated = await fake.server.mutate(
                seed: 5, newOrders: 30, refunds: 10, cancellations: 10, now: Date(timeIntervalSince1970: TimeInterval(later)))
            let changed = mutated.orders.filter { $0.updatedAt > before.nowEpoch }
            #expect(changed.count >= 20)
            let body = "\"where\":[{\"column\":\"updated_at\",\"operator\":\">\",\"value\":\"\(FakeTimestamp.format(before.nowEpoch))\"}],\"orderBy\":{\"id\":\"asc\"}"
            let served = try await fake.allPages("orders", bodyPrefix: body)
            #expect(served.rows.compactMap { $0["id"] as? Int } == changed.map(\.id))
            let total = try await fake.get("orders")
            #expect(total.paging["total"] == 1_030)
        }
    }
}
