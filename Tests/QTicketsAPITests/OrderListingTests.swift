import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// A listing started before its consumer (``OrderListing``), against the fake over loopback:
/// the same orders as a listing read at once, each once; no more requests than its budget of
/// pages before anyone takes them; permits back when it is cancelled; rows that do not decode
/// reported when their page is consumed, not when it arrives.
@Suite(.serialized) struct OrderListingTests {
    static let whole = KeysetRange(column: "updated_at", from: Date(timeIntervalSince1970: 0))

    /// The whole listing of the fake's orders, started ahead within `budget`.
    static func ahead(_ client: QTicketsClient, budget: PageBudget, expectingPages: Int? = nil) -> OrderListing {
        client.startOrderListing(
            in: whole, splittingUntil: FakeAPI.now.addingTimeInterval(3_600), expectingPages: expectingPages, budget: budget, capacity: 16)
    }

    /// A fake of `orders` orders (and `faults`) and a client of 4 streams, pages of 100.
    static func with(
        orders: Int, faults: FaultPlan = .none, _ body: (FakeAPI, QTicketsClient) async throws -> Void
    ) async throws {
        try await FakeAPI.with(FakeAPI.organiser(orders: orders), faults: faults) { api in
            try await api.withClient(concurrency: 4, pageSize: 100) { client in try await body(api, client) }
        }
    }

    /// Polls `condition` for up to 5 s.
    /// `value` once it is the same twice 500 ms apart (at most 10 s).
    static func settled(_ value: () async -> Int) async throws -> Int {
        var last = await value()
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(500))
            let now = await value()
            if now == last { return now }
            last = now
        }
        return last
    }

    @Test func aListingStartedAheadDeliversEveryOrderOnceLikeOneReadAtOnce() async throws {
        try await Self.with(orders: 3_000) { api, client in
            let now = FakeAPI.now.addingTimeInterval(3_600)
            let budget = PageBudget(pages: 1_000)
            let listing = client.startOrderListing(in: Self.whole, splittingUntil: now, budget: budget, capacity: 8)
            var ids: [Int] = []
            try await listing.consume { page in ids += page.orders.map(\.id) }
            #expect(ids.count == 3_000)
            #expect(Set(ids) == Set(api.organiser.orders.map(\.id)))
            #expect(budget.free == 1_000)
            let ahead = await api.server.stats().byRoute["orders"] ?? 0

            var direct: [Int] = []
            try await client.orderPages(in: Self.whole, splittingUntil: now) { page in direct += page.orders.map(\.id) }
            let both = await api.server.stats().byRoute["orders"] ?? 0
            #expect(Set(direct) == Set(ids) && direct.count == ids.count)
            #expect(both - ahead == ahead)  // the same requests: the same listing, only earlier
        }
    }

    @Test func aListingNobodyTookAsksNoMorePagesThanItsBudget() async throws {
        try await Self.with(orders: 3_000) { api, client in
            let budget = PageBudget(pages: 5)
            let listing = Self.ahead(client, budget: budget, expectingPages: 30)
            #expect(try await eventually { budget.free == 0 })
            // A permit is taken before its request is sent: on a loaded machine the server
            // may count the fifth a little later.
            #expect(try await eventually { await api.server.stats().byRoute["orders"] == 5 })
            try await Task.sleep(for: .milliseconds(300))
            #expect(await api.server.stats().byRoute["orders"] == 5)  // five permits, five requests, then it waits
            var ids: [Int] = []
            try await listing.consume { page in ids += page.orders.map(\.id) }
            #expect(ids.count == 3_000 && Set(ids).count == 3_000)
            #expect(budget.free == 5)  // taken, it needed no permits, and gave back those it held
        }
    }

    /// Before anyone takes it, a listing may hold its read-ahead (the whole budget here), not
    /// only its capacity; once consumed, it runs at most its capacity and a page per worker
    /// ahead of its consumer.
    @Test func aListingReadsAheadItsBudgetUntilTakenThenItsCapacity() async throws {
        try await Self.with(orders: 3_000) { api, client in
            let budget = PageBudget(pages: 12)
            let listing = client.startOrderListing(
                in: Self.whole, splittingUntil: FakeAPI.now.addingTimeInterval(3_600), expectingPages: 30, budget: budget, capacity: 2,
                readAhead: 12)
            #expect(try await eventually { budget.free == 0 })
            #expect(try await eventually { await api.server.stats().byRoute["orders"] == 12 })
            var consumed = 0
            var orders = 0
            var mostAhead = 0
            try await listing.consume { page in
                consumed += 1
                orders += page.orders.count
                try await Task.sleep(for: .milliseconds(20))  // a slow consumer: the fetch runs as far ahead as it may
                let served = await api.server.stats().byRoute["orders"] ?? 0
                if consumed > 12 { mostAhead = max(mostAhead, served - consumed) }
            }
            #expect(orders == 3_000)
            // Fewer than the read-ahead: a buffer left at 12 would keep the fetch 12 pages and a
            // page per worker ahead.
            #expect(mostAhead < 12)
            #expect(budget.free == 12)
        }
    }

    @Test func aCancelledListingStopsAndGivesItsPermitsBack() async throws {
        try await Self.with(orders: 3_000) { api, client in
            let budget = PageBudget(pages: 4)
            let first = Self.ahead(client, budget: budget, expectingPages: 30)
            #expect(try await eventually { budget.free == 0 })
            first.cancel()
            #expect(budget.free == 4)
            // Requests already sent with their permits may still be counted after the cancel: on
            // a loaded machine (the whole suite at once) one was answered 300 to 600 ms later. A
            // listing still running would take the four permits given back and ask more (30
            // pages), one passing its gate without a permit a fifth: so the count, once it stops
            // moving, is at most four.
            let asked = try await Self.settled { await api.server.stats().byRoute["orders"] ?? 0 }
            #expect(asked <= 4, "\(asked) requests counted once the count settled")
            #expect(budget.free == 4)

            // The budget serves the next listing whole.
            let second = Self.ahead(client, budget: budget)
            var count = 0
            try await second.consume { count += $0.orders.count }
            #expect(count == 3_000)
        }
    }

    @Test func aMalformedOrderOfAListingFetchedAheadIsReportedWhenItsPageIsConsumed() async throws {
        try await Self.with(orders: 300, faults: FaultPlan(malformedOrdersPage: 1, malformedMode: .badPrice, malformedTimes: 1)) { api, client in
            let budget = PageBudget(pages: 100)
            let listing = Self.ahead(client, budget: budget)
            #expect(try await eventually { await api.server.stats().byRoute["orders"] ?? 0 >= 3 })
            try await Task.sleep(for: .milliseconds(200))
            #expect(api.observer.skipped.isEmpty)  // fetched, not yet used: not yet counted
            var count = 0
            try await listing.consume { count += $0.orders.count }
            #expect(count == 299)
            #expect(api.observer.skipped.count == 1 && api.observer.skipped.first?.endpoint == "orders")
        }
    }
}
