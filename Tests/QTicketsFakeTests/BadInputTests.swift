import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import QTicketsFake

/// Issue 8.3 and 9.1–9.2 on the wire: an API that ignores the body, one bad record, one show
/// whose seats never come.
@Suite struct BadInputTests {
    @Test func aBodyIgnoringAPIServesPageOneUnfilteredWhateverWasAsked() async throws {
        let o = Fixtures.organiser(orders: 400)
        try await FakeHarness.with(o, faults: FaultPlan(routes: ["orders"], ignoreRequestBody: true)) { fake in
            let body = """
                {"where":[{"column":"updated_at","operator":">=","value":"\(FakeTimestamp.format(o.nowEpoch - 3600))"},
                {"column":"id","operator":">","value":\(o.orders[200].id)}],"orderBy":{"id":"desc"},"page":3}
                """
            let reply = try await fake.get("orders", body: body)
            #expect(reply.paging == ["perPage": 50, "currentPage": 1, "total": 400])
            #expect(reply.data.compactMap { $0["id"] as? Int } == o.orders.prefix(50).map(\.id))
            let garbage = try await fake.get("orders", body: "{\"where\":[{\"column\":\"no_such\"}]}")
            #expect(garbage.status == 200 && garbage.paging["currentPage"] == 1)
            let events = try await fake.get("events", body: "{\"page\":2}")
            #expect(events.paging["currentPage"] == 2)  // only the routes named
            #expect(await fake.server.stats().bodiesIgnored == 2)
        }
    }

    @Test func badRecordsAreRenderedAsJSONNumbersOnTheirOrdersOnly() async throws {
        let o = Fixtures.organiser(seed: 44, orders: 300)
        let kinds = FaultPlan.BadRecord.allCases
        let chosen = Dictionary(uniqueKeysWithValues: zip(o.orders[3...].prefix(kinds.count).map(\.id), kinds))
        try await FakeHarness.with(o, faults: FaultPlan(badRecords: chosen)) { fake in
            let page = try await fake.get("orders", body: "{\"page\":1}")
            #expect(page.status == 200 && page.data.count == 50)  // still one valid JSON document
            let text = page.text
            for (id, kind) in chosen {
                let order = try #require(o.orders.first { $0.id == id })
                let basket = order.baskets[0]
                switch kind {
                case .threeDecimalPrice:
                    #expect(text.contains("\"price\":\(basket.priceKopecks / 100).\(FakeTimestamp.twoDigits[basket.priceKopecks % 100])7,"))
                case .negativePrice:
                    #expect(text.contains("\"id\":\(basket.id),") && text.range(of: #""price":-\d+(\.\d+)?,"ticket_amount""#, options: .regularExpression) != nil)
                case .negativeQuantity:
                    #expect(text.contains("\"quantity\":-\(basket.quantity),"))
                case .negativeBasketID:
                    #expect(text.contains("{\"id\":-\(basket.id),\"series\""))
                case .idBeyondInt64:
                    #expect(text.contains("{\"id\":18446744073709551616,\"uniqid\":\"\(order.uniqid)\""))
                }
            }
            #expect(await fake.server.stats().badRecordsServed == kinds.count)
            #expect(await fake.server.groundTruth() == o.groundTruth(excludingOrders: Set(chosen.keys)))
            let one = try await fake.get("orders/\(o.orders[3].id)")
            #expect(one.text.contains("7,\"ticket_amount\""))
        }
        // The truth without them.
        let excluded = o.groundTruth(excludingOrders: Set(chosen.keys))
        let sold = o.orders.filter { chosen[$0.id] != nil }.flatMap { order in order.baskets.filter { order.isSold($0) } }
        #expect(excluded.totalTicketsSold == o.groundTruth().totalTicketsSold - sold.reduce(0) { $0 + $1.quantity })
        #expect(excluded.inventory == o.groundTruth().inventory)
    }

    @Test func chosenShowsSeatsFailEveryTimeOrNeverAnswer() async throws {
        let o = Fixtures.organiser(orders: 100, events: 12)
        let shows = o.showIDs.filter { !(o.seats[$0] ?? []).isEmpty }
        let (failing, hanging, fine) = (shows[0], shows[1], shows[2])
        let plan = FaultPlan(failingSeats: [failing: .status503, hanging: .timeout])
        try await FakeHarness.with(o, faults: plan) { fake in
            for _ in 0..<3 {
                let reply = try await fake.get("shows/\(failing)/seats", body: "{\"flat\":true}")
                #expect(reply.status == 503 && reply.text.contains("UNKNOWN_ERROR"))
            }
            let ok = try await fake.get("shows/\(fine)/seats", body: "{\"flat\":true}")
            #expect(ok.status == 200)
            var request = HTTPClientRequest(url: fake.server.baseURL + "/shows/\(hanging)/seats")
            request.headers.add(name: "Authorization", value: "Bearer \(FakeHarness.token)")
            await #expect(throws: (any Error).self) { _ = try await fake.client.execute(request, timeout: .milliseconds(500)) }
            let stats = await fake.server.stats()
            #expect(stats.seatFailures503 == 3 && stats.seatTimeouts == 1)
            #expect(stats.byStatus[503] == 3 && stats.byStatus[200] == 1)
        }
    }
}
