import Foundation
import NIOCore
import Testing

@testable import QTicketsFake

/// The fake at scale (issue 10): generated orders are derived from their index, not stored,
/// and a keyset page is found by an `OrderScan` that narrows by time instead of reading every
/// order. These hold the shortcuts to the plain definition: the page and its total equal a
/// brute-force selection over every order, after changes and additions too, and every order
/// whose time meets a bound lies in the index range the narrowing keeps.
@Suite struct OrderScanTests {
    static func query(_ conditions: [String], page: Int = 1) throws -> ListQuery {
        let body = "{\"where\":[\(conditions.joined(separator: ","))],\"orderBy\":{\"id\":\"asc\"},\"page\":\(page)}"
        return try ListQuery.parse(ByteBuffer(string: body))
    }

    static func cond(_ column: String, _ op: String, _ value: String) -> String {
        "{\"column\":\"\(column)\",\"operator\":\"\(op)\",\"value\":\(value)}"
    }

    static func at(_ epoch: Int) -> String { "\"\(FakeTimestamp.format(epoch))\"" }

    /// A year of history, then changes: refunds and cancellations of old orders, new orders,
    /// one order's payment moved: the changed and added orders must be found wherever they are.
    static let organiser: Organiser = {
        var o = Organiser.generate(
            OrganiserSpec(seed: 9, events: 10, maxShowsPerEvent: 3, orders: 4_000, historyHours: 8_760), now: Fixtures.now)
        o.mutate(seed: 3, newOrders: 40, refunds: 30, cancellations: 30, now: Fixtures.now.addingTimeInterval(3_600))
        let moved = o.orders[100].id
        try? o.changePayedAt(orderID: moved, to: o.nowEpoch - 86_400, at: o.nowEpoch + 60)
        return o
    }()

    @Test func keysetPagesAndTotalsEqualABruteForceSelection() throws {
        let o = Self.organiser
        let snapshot = ServingSnapshot(o)
        let now = o.nowEpoch
        let filters: [[String]] = [
            [Self.cond("updated_at", ">=", Self.at(now - 90 * 86_400))],
            [Self.cond("updated_at", ">=", Self.at(now - 200 * 86_400)), Self.cond("updated_at", "<", Self.at(now - 150 * 86_400))],
            [Self.cond("updated_at", ">=", Self.at(now - 7_200))],
            [Self.cond("payed_at", ">=", Self.at(now - 3 * 86_400)), Self.cond("payed_at", "<", Self.at(now - 86_400 + 5))],
            [Self.cond("created_at", "<=", Self.at(now - 300 * 86_400)), Self.cond("deleted_at", "null", "null")],
            [Self.cond("event_id", "=", "\(o.events[2].id)"), Self.cond("updated_at", ">", Self.at(now - 100 * 86_400))],
            [Self.cond("price", ">", "1000")],
        ]
        for filter in filters {
            let expected = try RowColumns.select(o.orders, query: try Self.query(filter), columns: RowColumns.order).map { o.orders[Int($0)].id }
            #expect(!expected.isEmpty, "\(filter)")
            for cursor in [0, expected[expected.count / 3], expected.last ?? 0] {
                let page = try snapshot.orderPage(try Self.query(filter + [Self.cond("id", ">", "\(cursor)")]), perPage: 50)
                let after = expected.filter { $0 > cursor }
                #expect(page.total == after.count, "\(filter) after \(cursor)")
                #expect(page.rows.map { o.orders[page.selection[$0]].id } == Array(after.prefix(50)), "\(filter) after \(cursor)")
            }
            let third = try snapshot.orderPage(try Self.query(filter, page: 3), perPage: 7)
            #expect(third.rows.map { o.orders[third.selection[$0]].id } == Array(expected.dropFirst(14).prefix(7)), "\(filter) page 3")
        }
    }

    @Test func everyOrderWithATimeInABoundLiesInTheNarrowedIndexRange() throws {
        let o = Organiser.generate(
            OrganiserSpec(seed: 4, events: 8, maxShowsPerEvent: 2, orders: 6_000, historyHours: 8_760), now: Fixtures.now)
        let generated = try #require(o.orders.generated)
        for (from, through) in [(-400, -300), (-200, -199), (-30, 0), (-1, 2)] {
            let lower = o.nowEpoch + from * 86_400
            let upper = o.nowEpoch + through * 86_400
            let range = generated.indices(timesFrom: lower, through: upper)
            for (i, order) in o.orders.enumerated() {
                let times = [order.createdAt, order.updatedAt, order.payedAt, order.deletedAt].compactMap { $0 }
                if times.contains(where: { (lower...upper).contains($0) }) { #expect(range.contains(i), "order \(i)") }
            }
        }
    }

    @Test func generatedIdsAscendWithTimeAndOrdersAreBuiltTheSameEachTime() throws {
        let o = Organiser.generate(
            OrganiserSpec(seed: 4, events: 8, maxShowsPerEvent: 2, orders: 6_000, historyHours: 8_760), now: Fixtures.now)
        let orders = Array(o.orders)
        #expect(zip(orders, orders.dropFirst()).allSatisfy { $0.id < $1.id })
        // Placed in order of id, give or take the moves to midnight (half a day).
        #expect(zip(orders, orders.dropFirst()).allSatisfy { $1.createdAt - $0.createdAt > -(OrderRecipe.midnightShift * 2 + 3_600) })
        #expect(Array(o.orders) == orders)
        let store = o.orders
        #expect(orders.indices.allSatisfy { store.index(ofID: orders[$0].id) == $0 })
        #expect(store.index(ofID: orders[10].id + 1) == nil || orders[11].id == orders[10].id + 1)
    }
}
