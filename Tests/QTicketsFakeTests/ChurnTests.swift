import Foundation
import Testing

@testable import QTicketsFake

/// Orders changing while a client pages (issue 8.1): the fake changes them between pages,
/// stamped with its clock, on both sides of the client's cursor, and its truth follows.
@Suite struct ChurnTests {
    static let clockStart = Fixtures.now.addingTimeInterval(3_600)

    /// A sequential keyset walk over everything; returns each id with the `updated_at` it was served with.
    func walk(_ fake: FakeHarness) async throws -> [Int: String] {
        var served: [Int: String] = [:]
        var cursor = 0
        while true {
            let body = "{\"where\":[{\"column\":\"id\",\"operator\":\">\",\"value\":\(cursor)}],\"orderBy\":{\"id\":\"asc\"},\"page\":1}"
            let rows = try await fake.get("orders", body: body).data
            guard let last = rows.last?["id"] as? Int else { return served }
            for row in rows {
                if let id = row["id"] as? Int { served[id] = row["updated_at"] as? String }
            }
            cursor = last
        }
    }

    func churned(seed: UInt64) async throws -> (Organiser, GroundTruth, FakeServerStats, [Int: String]) {
        let o = Fixtures.organiser(seed: 31, orders: 1_000)
        let plan = FaultPlan(routes: ["orders"], churn: .init(everyNthListing: 1, ordersPerRound: 4, seed: seed, maxRounds: 30))
        return try await FakeHarness.with(o, faults: plan, options: FakeServerOptions(clockStart: Self.clockStart)) { fake in
            let served = try await walk(fake)
            return (await fake.server.organiser(), await fake.server.groundTruth(), await fake.server.stats(), served)
        }
    }

    @Test func ordersChangeOnBothSidesOfTheCursorAndTheTruthFollows() async throws {
        let before = Fixtures.organiser(seed: 31, orders: 1_000)
        let (after, truth, stats, served) = try await churned(seed: 5)
        let start = Int(Self.clockStart.timeIntervalSince1970)

        #expect(stats.churnRounds == 30)  // one round after each of the first 30 pages
        #expect(stats.byRoute["orders"] ?? 0 > 30)
        let changes = stats.churnedOrders
        #expect(changes["scan"] ?? 0 > 0 && changes["refund"] ?? 0 > 0 && changes["cancellation"] ?? 0 > 0)
        #expect(after.orderCount == before.orderCount + (changes["new-order"] ?? 0))
        #expect(changes["new-order"] ?? 0 == 30)

        // Stamped by the server clock (started an hour after the data's now).
        let changed = after.orders.filter { $0.updatedAt >= start }
        #expect(changed.allSatisfy { $0.updatedAt < start + 120 })
        let total = changes.values.reduce(0, +)
        #expect(changed.count <= total && changed.count > total * 3 / 4)  // a later round may change an order again
        // Some changed after the client read them (it holds a stale state: a re-check must
        // find them), others before it reached them (it read the new state).
        let stale = changed.filter { served[$0.id] != nil && served[$0.id] != FakeTimestamp.format($0.updatedAt) }
        let fresh = changed.filter { served[$0.id] == FakeTimestamp.format($0.updatedAt) }
        #expect(stale.count >= 10 && fresh.count >= 10)

        #expect(truth == after.groundTruth())
        #expect(truth != before.groundTruth())
        #expect(after.nowEpoch >= start)
    }

    @Test func churnIsDeterministicForASequentialClient() async throws {
        let (a, _, _, _) = try await churned(seed: 9)
        let (b, _, _, _) = try await churned(seed: 9)
        let (c, _, _, _) = try await churned(seed: 10)
        // Stamps depend on the clock's second; everything else is fixed by the seed.
        func shape(_ o: Organiser) -> [[Int]] {
            o.orders.map { [$0.id, $0.deletedAt == nil ? 0 : 1, $0.baskets.filter { $0.refundedAt != nil }.count] }
        }
        #expect(shape(a) == shape(b))
        #expect(shape(a) != shape(c))
    }

    @Test func theAdminTruthRouteServesTheCurrentTruth() async throws {
        let o = Fixtures.organiser(seed: 32, orders: 300)
        let plan = FaultPlan(churn: .init(everyNthListing: 2, ordersPerRound: 10, seed: 1))
        try await FakeHarness.with(o, faults: plan) { fake in
            for page in 1...4 { _ = try await fake.get("orders", body: "{\"page\":\(page)}") }
            #expect(await fake.server.stats().churnRounds == 2)
            let served = try await fake.admin("truth")
            let truth = try GroundTruth.decode(from: Data(buffer: served.body))
            #expect(truth == (await fake.server.groundTruth()))
            #expect(truth != o.groundTruth())
        }
    }
}
