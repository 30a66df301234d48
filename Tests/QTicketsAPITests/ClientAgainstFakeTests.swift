import Foundation
import NIOCore
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// The client against the independent fake server, over real HTTP on loopback.
@Suite(.serialized) struct ClientAgainstFakeTests {
    static func epoch(_ date: Date?) -> Int? { date.map { Int($0.timeIntervalSince1970) } }

    /// Orders whose decoded fields (those the ingester uses) differ from the fake's model.
    static func mismatches(_ orders: [Order], _ organiser: Organiser) -> Int {
        let truth = Dictionary(uniqueKeysWithValues: organiser.orders.map { ($0.id, $0) })
        var mismatches = 0
        for order in orders {
            guard let fake = truth[order.id], order.eventID == fake.eventID, order.payed == fake.payed,
                epoch(order.payedAt) == fake.payedAt, epoch(order.updatedAt) == fake.updatedAt,
                epoch(order.deletedAt) == fake.deletedAt, order.baskets.count == fake.baskets.count
            else {
                mismatches += 1
                continue
            }
            for index in order.baskets.indices {
                let basket = order.baskets[index]
                let fb = fake.baskets[index]
                let same = basket.id == fb.id && basket.showID == fb.showID && basket.quantity == fb.quantity
                    && basket.price == Decimal(fb.priceKopecks) / 100 && epoch(basket.deletedAt) == fb.deletedAt
                    && epoch(basket.refundedAt) == fb.refundedAt
                if !same { mismatches += 1 }
            }
        }
        return mismatches
    }

    @Test func everyPageOfA10kOrderOrganiserArrivesExactlyOnce() async throws {
        let organiser = FakeAPI.organiser(orders: 10_000)
        try await FakeAPI.with(organiser) { api in
            let orders = try await api.withClient { client in
                var orders: [Order] = []
                for try await order in client.orders(where: []) { orders.append(order) }
                return orders
            }
            let stats = await api.server.stats()
            #expect(orders.count == 10_000)
            #expect(orders.map(\.id) == organiser.orders.map(\.id).sorted())  // in id order, each once
            #expect(stats.byRoute["orders"] == 200)  // 10,000 / 50: every page exactly once
            #expect(stats.totalRequests == 200)
            #expect(stats.writeAttempts == 0 && stats.requestsWithQueryString == 0 && stats.unauthorized == 0)
            #expect(api.observer.skipped.isEmpty)
            #expect(Self.mismatches(orders, organiser) == 0)  // prices exact, instants exact, flags right
        }
    }

    @Test func filtersTravelInTheBodyAndTheQueryStringIsIgnored() async throws {
        let organiser = FakeAPI.organiser(orders: 1_500)
        let eventID = try #require(organiser.orders.first?.eventID)
        try await FakeAPI.with(organiser) { api in
            try await api.withClient { client in
                let filtered = try await FakeAPI.ids(client.orders(where: [.eq("event_id", eventID)]))
                #expect(filtered == organiser.orders.filter { $0.eventID == eventID }.map(\.id).sorted())
                #expect(filtered.count < organiser.orders.count)

                // The updated_at window: >= from, < to.
                let times = organiser.orders.map(\.updatedAt).sorted()
                let from = times[times.count / 3]
                let to = times[2 * times.count / 3]
                let range = KeysetRange(column: "updated_at", from: Date(timeIntervalSince1970: Double(from)), to: Date(timeIntervalSince1970: Double(to)))
                let windowed = try await FakeAPI.ids(client.orders(where: range.filters(timeZone: WhereClause.moscow)))
                #expect(windowed == organiser.orders.filter { $0.updatedAt >= from && $0.updatedAt < to }.map(\.id).sorted())
            }

            // The same filter in the query string: the real API ignores it, and so does the fake.
            let transport = HTTPClientTransport()
            let query = "where%5B0%5D%5Bcolumn%5D=event_id&where%5B0%5D%5Bvalue%5D=\(eventID)&page=1"
            let request = TransportRequest(
                method: "GET", url: api.server.baseURL + "/orders?" + query,
                headers: [("Authorization", "Bearer \(FakeAPI.token)"), ("Accept", "application/json")], body: nil)
            let response = try await withCleanup {
                try await transport.send(request, timeout: .seconds(10))
            } cleanup: {
                try await transport.shutdown()
            }
            let page = try PageDecoder.orders(Data(buffer: response.body))
            #expect(page.paging?.total == organiser.orders.count)  // unfiltered
            #expect(page.rows.contains { $0.eventID != eventID })
        }
    }

    @Test(arguments: [false, true])
    func stormsStillDeliverEveryRowExactlyOnce(_ retryAfterAsDate: Bool) async throws {
        let organiser = FakeAPI.organiser(orders: 1_500)
        let faults = FaultPlan(
            status429EveryN: 11, retryAfterSeconds: 1, retryAfterAsHTTPDate: retryAfterAsDate, status503EveryN: 7,
            latencyMilliseconds: 3, dropConnectionEveryN: 17)
        try await FakeAPI.with(organiser, faults: faults) { api in
            let got = try await api.withClient { try await FakeAPI.ids($0.orders(where: [])) }
            let stats = await api.server.stats()
            #expect(got == organiser.orders.map(\.id).sorted())
            #expect(stats.injected429 > 0 && stats.injected503 > 0 && stats.droppedConnections > 0)
            let warnings = api.logs.all.filter { $0.message == "Temporary QTickets API error" }
            #expect(warnings.count == stats.injected429 + stats.injected503 + stats.droppedConnections)
            #expect(warnings.allSatisfy { $0.level == .warning && $0.metadata["endpoint"] == "orders" && $0.metadata["wait"] != nil })
            #expect(Set(warnings.compactMap { $0.metadata["status"] }).isSuperset(of: ["429", "503", "none"]))
            #expect(!api.tokenLeaked)
        }
    }

    @Test func slowBodiesAndLatencyDeliverEverything() async throws {
        let organiser = FakeAPI.organiser(orders: 600)
        let faults = FaultPlan(latencyMilliseconds: 40, slowBody: .init(chunkBytes: 8_192, delayMilliseconds: 2))
        let got = try await FakeAPI.with(organiser, faults: faults) { api in
            try await api.withClient { try await FakeAPI.ids($0.orders(where: [])) }
        }
        #expect(got == organiser.orders.map(\.id).sorted())
    }

    @Test func rejectedTokenFailsFast() async throws {
        try await FakeAPI.with(FakeAPI.organiser(orders: 200)) { api in
            try await api.withClient(token: "wrong-token") { client in
                await #expect(throws: QTicketsError.tokenRejected(endpoint: "orders", status: 403)) {
                    _ = try await FakeAPI.ids(client.orders(where: []))
                }
            }
            let stats = await api.server.stats()
            #expect(stats.unauthorized == 1 && stats.totalRequests == 1)
            #expect(api.logs.all.filter { $0.message == "Temporary QTickets API error" }.isEmpty)
        }
    }

    @Test func justUnderTheServerRateLimitNothingIsRejected() async throws {
        // The fake allows 20 requests in any sliding second. A token bucket of r/s with burst b
        // grants at most b + r in any closed one-second window: 14 + 1 = 15 leaves room for
        // requests bunched on their way by a loaded machine (CI runs suites in parallel).
        let organiser = FakeAPI.organiser(orders: 2_500)
        try await FakeAPI.with(organiser, faults: FaultPlan(serverRateLimit: 20)) { api in
            let (events, orders) = try await api.withClient(rps: 14, burst: 1, concurrency: 4) { client in
                var events: [Event] = []
                for try await event in client.events() { events.append(event) }
                return (events, try await FakeAPI.ids(client.orders(where: [])))
            }
            let stats = await api.server.stats()
            #expect(orders == organiser.orders.map(\.id).sorted())
            #expect(events.count == organiser.events.filter { $0.deletedAt == nil }.count)
            #expect(stats.totalRequests >= 50)
            #expect(stats.rejectedByRateLimit == 0)
            #expect(api.observer.retries.isEmpty)
        }
    }

    @Test func aboveTheServerRateLimitEveryAnswerStillArrives() async throws {
        // 40 single-order requests at once against a limit of 10/s: the fake rejects some (the
        // limit is real, so the previous test's 0 means something), and retries after its
        // Retry-After still bring every answer.
        let organiser = FakeAPI.organiser(orders: 200)
        let wanted = Array(organiser.orders.map(\.id).sorted().prefix(40))
        try await FakeAPI.with(organiser, faults: FaultPlan(serverRateLimit: 10)) { api in
            let got = try await api.withClient(rps: 500, burst: 100, concurrency: 40) { client in
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for id in wanted { group.addTask { try await client.order(id: id).id } }
                    var ids: [Int] = []
                    for try await id in group { ids.append(id) }
                    return ids.sorted()
                }
            }
            let stats = await api.server.stats()
            #expect(got == wanted)
            #expect(stats.rejectedByRateLimit > 0)
            #expect(api.observer.retries.contains { $0.status == 429 })
        }
    }

    @Test(arguments: [FaultPlan.MalformedMode.badPrice, .missingID])
    func malformedOrderIsSkippedReportedAndThePageGoesOn(_ mode: FaultPlan.MalformedMode) async throws {
        let organiser = FakeAPI.organiser(orders: 300)
        // Every keyset request asks page 1: the first answer is served with one broken order.
        try await FakeAPI.with(organiser, faults: FaultPlan(malformedOrdersPage: 1, malformedMode: mode, malformedTimes: 1)) { api in
            let got = try await api.withClient { try await FakeAPI.ids($0.orders(where: [])) }
            let all = organiser.orders.map(\.id).sorted()
            #expect(got.count == all.count - 1)
            #expect(Set(got).isSubset(of: Set(all)))
            let skipped = api.observer.skipped
            #expect(skipped.count == 1)
            #expect(skipped.first?.endpoint == "orders")
            if mode == .badPrice {
                let id = try #require(skipped.first?.id)
                #expect(!got.contains(id) && all[0..<50].contains(id))
            } else {
                #expect(skipped.first?.id == nil)
            }
            #expect(api.logs.all.contains { $0.message == "Skipped malformed QTickets row" })
        }
    }

    @Test func truncatedPageIsRetried() async throws {
        let organiser = FakeAPI.organiser(orders: 300)
        let faults = FaultPlan(malformedOrdersPage: 1, malformedMode: .truncated, malformedTimes: 2)
        try await FakeAPI.with(organiser, faults: faults) { api in
            let got = try await api.withClient { try await FakeAPI.ids($0.orders(where: [])) }
            #expect(got == organiser.orders.map(\.id).sorted())
            #expect(api.observer.retries.count == 2)
        }
    }

    @Test func eventsAndSeatsMatchTheOrganiser() async throws {
        let organiser = FakeAPI.organiser(orders: 100, events: 25)
        try await FakeAPI.with(organiser) { api in
            let (events, seatsByShow) = try await api.withClient { client in
                var events: [Event] = []
                for try await event in client.events() { events.append(event) }
                var seatsByShow: [Int: [Seat]] = [:]
                for showID in organiser.showIDs.prefix(6) {
                    seatsByShow[showID] = try await client.seats(showID: showID)
                }
                return (events, seatsByShow)
            }
            let stats = await api.server.stats()
            let live = organiser.events.filter { $0.deletedAt == nil }.sorted { $0.id < $1.id }
            #expect(events.map(\.id) == live.map(\.id))
            for (event, fake) in zip(events, live) {
                #expect(event.city?.name == fake.city.name)
                #expect(event.shows.map(\.id) == fake.shows.map(\.id))
            }
            for (showID, seats) in seatsByShow {
                let fake = organiser.seats[showID] ?? []
                #expect(seats.map(\.id).sorted() == fake.map(\.id).sorted())
                #expect(seats.reduce(0) { $0 + $1.freeQuantity } == fake.reduce(0) { $0 + $1.freeQuantity })
                #expect(Set(seats.map(\.rootID)) == Set(fake.map(\.rootID)))
            }
            #expect(stats.byRoute["unknown"] == nil && stats.writeAttempts == 0)
        }
    }
}
