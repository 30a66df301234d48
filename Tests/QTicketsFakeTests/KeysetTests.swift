import Foundation
import Testing

@testable import QTicketsFake

/// Keyset paging as the ingester does it: the same filter, `page: 1`, a new id cursor each
/// request. Every page must be exact, and the walk must reuse one cached selection.
@Suite struct KeysetTests {
    func body(_ conditions: [String], order: String = "asc") -> String {
        "{\"where\":[\(conditions.joined(separator: ","))],\"orderBy\":{\"id\":\"\(order)\"},\"page\":1}"
    }

    func cond(_ column: String, _ op: String, _ value: String) -> String {
        "{\"column\":\"\(column)\",\"operator\":\"\(op)\",\"value\":\(value)}"
    }

    @Test func ascendingWalkReadsEveryMatchingOrderOnceFromOneSelection() async throws {
        let o = Fixtures.organiser(orders: 1_200)
        let from = o.nowEpoch - 30 * 3600
        let to = o.nowEpoch - 2 * 3600
        let expected = o.orders.filter { $0.updatedAt >= from && $0.updatedAt < to }.map(\.id)
        let window = [cond("updated_at", ">=", "\"\(FakeTimestamp.format(from))\""), cond("updated_at", "<", "\"\(FakeTimestamp.format(to))\"")]
        try await FakeHarness.with(o) { fake in
            var cursor = 0
            var seen: [Int] = []
            while true {
                let reply = try await fake.get("orders", body: body(window + [cond("id", ">", "\(cursor)")]))
                #expect(reply.paging["currentPage"] == 1)
                #expect(reply.paging["total"] == expected.filter { $0 > cursor }.count)
                let ids = reply.data.compactMap { $0["id"] as? Int }
                guard let last = ids.last else { break }
                seen += ids
                cursor = last
            }
            #expect(seen == expected)
        }
    }

    @Test func descendingWalkAndEveryBoundOperator() async throws {
        let o = Fixtures.organiser(orders: 400)
        let ids = o.orders.map(\.id)
        let mid = ids[200]
        try await FakeHarness.with(o) { fake in
            var cursor = Int.max / 2
            var seen: [Int] = []
            while true {
                let reply = try await fake.get("orders", body: body([cond("id", "<", "\(cursor)")], order: "desc"))
                let page = reply.data.compactMap { $0["id"] as? Int }
                guard let last = page.last else { break }
                seen += page
                cursor = last
            }
            #expect(seen == ids.reversed())

            let cases: [(String, String, [Int])] = [
                (">=", "\(mid)", ids.filter { $0 >= mid }), ("<=", "\(mid)", ids.filter { $0 <= mid }),
                (">", "\"\(mid)\"", ids.filter { $0 > mid }),  // a numeric string, as PHP reads it
                ("<", "\(Double(mid) + 0.5)", ids.filter { Double($0) < Double(mid) + 0.5 }),
                (">", "1e30", []), ("<", "-1e30", []),
            ]
            for (op, value, want) in cases {
                let reply = try await fake.get("orders", body: body([cond("id", op, value)]))
                #expect(reply.paging["total"] == want.count, "id \(op) \(value)")
                #expect(reply.data.compactMap { $0["id"] as? Int } == Array(want.prefix(50)), "id \(op) \(value)")
            }
            // Two bounds intersect; an empty range is empty.
            let between = try await fake.get("orders", body: body([cond("id", ">", "\(ids[10])"), cond("id", "<=", "\(ids[20])")]))
            #expect(between.data.compactMap { $0["id"] as? Int } == Array(ids[11...20]))
            let empty = try await fake.get("orders", body: body([cond("id", ">", "\(ids[20])"), cond("id", "<", "\(ids[10])")]))
            #expect(empty.data.isEmpty && empty.paging["total"] == 0)
            // id bounds with another sort order are applied too (no binary search there).
            let byPrice = try await fake.get("orders", body: "{\"where\":[\(cond("id", ">", "\(mid)"))],\"orderBy\":{\"price\":\"desc\"}}")
            #expect(byPrice.paging["total"] == ids.filter { $0 > mid }.count)
        }
    }

    @Test func aKeysetWalkComputesOneSelection() throws {
        let o = Fixtures.organiser(orders: 600)
        let snapshot = ServingSnapshot(o)
        for cursor in stride(from: o.orders[0].id - 1, to: o.orders.last?.id ?? 0, by: 97) {
            let query = try ListQuery.parse(.init(string: body([cond("updated_at", ">=", "\"2000-01-01\""), cond("id", ">", "\(cursor)")])))
            _ = try snapshot.orderSelection(query)
        }
        #expect(snapshot.selectionsComputed.load(ordering: .relaxed) == 1)
        #expect(snapshot.orderIndex(id: o.orders[17].id) == 17 && snapshot.orderIndex(id: 5) == nil)
    }
}
