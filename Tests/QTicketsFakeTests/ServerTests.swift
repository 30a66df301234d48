import Foundation
import NIOHTTP1
import Testing

@testable import QTicketsFake

@Suite struct ServerTests {
    @Test func pagingEnvelopeAndDefaultPageSizes() async throws {
        let o = Fixtures.organiser(orders: 523, events: 23)
        try await FakeHarness.with(o) { fake in
            let first = try await fake.get("orders", body: "{\"page\":1,\"per_page\":500}")
            #expect(first.status == 200)
            #expect(first.headers.first(name: "content-type") == "application/json")
            #expect(first.paging == ["perPage": 50, "currentPage": 1, "total": 523])  // per_page ignored
            #expect(first.data.count == 50)
            let last = try await fake.get("orders", body: "{\"page\":11}")
            #expect(last.data.count == 23)
            let beyond = try await fake.get("orders", body: "{\"page\":12}")
            #expect(beyond.data.isEmpty && beyond.paging["total"] == 523)

            let all = try await fake.allPages("orders", bodyPrefix: "\"orderBy\":{\"id\":\"asc\"}")
            let ids = all.rows.compactMap { $0["id"] as? Int }
            #expect(ids == o.orders.map(\.id))  // every order exactly once, ascending

            let events = try await fake.allPages("events")
            #expect(events.perPage == 10 && events.total == 23 && events.rows.count == 23)
            let desc = try await fake.get("orders", body: "{\"orderBy\":{\"id\":\"desc\"}}")
            #expect(desc.data.first?["id"] as? Int == o.orders.last?.id)
        }
    }

    @Test func bodyFiltersHonouredQueryStringIgnored() async throws {
        let o = Fixtures.organiser(orders: 800)
        let since = o.nowEpoch - 6 * 3600
        let sinceText = FakeTimestamp.format(since).replacingOccurrences(of: "+03:00", with: "+03:00")
        let expected = o.orders.filter { $0.updatedAt >= since }
        try await FakeHarness.with(o) { fake in
            let body = "\"where\":[{\"column\":\"updated_at\",\"operator\":\">=\",\"value\":\"\(sinceText)\"}],\"orderBy\":{\"id\":\"asc\"}"
            let filtered = try await fake.allPages("orders", bodyPrefix: body)
            #expect(filtered.total == expected.count)
            #expect(filtered.rows.compactMap { $0["id"] as? Int } == expected.map(\.id))

            // The same instant written in UTC selects the same rows (instants, not strings).
            let utc = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(since)))
            let utcReply = try await fake.get(
                "orders", body: "{\"where\":[{\"column\":\"updated_at\",\"operator\":\">=\",\"value\":\"\(utc)\"}]}")
            #expect(utcReply.paging["total"] == expected.count)

            // Filters in the query string are ignored: the unfiltered default listing comes back.
            let query = try await fake.get("orders?where%5B0%5D%5Bcolumn%5D=updated_at&page=3&per_page=500")
            #expect(query.paging == ["perPage": 50, "currentPage": 1, "total": o.orderCount])
            #expect(await fake.server.stats().requestsWithQueryString == 1)

            // Other operators.
            let live = o.orders.filter { $0.deletedAt == nil }
            let nullReply = try await fake.get("orders", body: "{\"where\":[{\"column\":\"deleted_at\",\"operator\":\"null\"}]}")
            #expect(nullReply.paging["total"] == live.count)
            let someIDs = o.orders.prefix(5).map(\.id)
            let inReply = try await fake.get(
                "orders", body: "{\"where\":[{\"column\":\"id\",\"operator\":\"in\",\"value\":\(someIDs)}]}")
            #expect(inReply.data.compactMap { $0["id"] as? Int } == someIDs)
            let notIn = try await fake.get(
                "orders", body: "{\"where\":[{\"column\":\"id\",\"operator\":\"not in\",\"value\":\(someIDs)}]}")
            #expect(notIn.paging["total"] == o.orderCount - 5)
            let eventID = o.orders[0].eventID
            let eq = try await fake.get("orders", body: "{\"where\":[{\"column\":\"event_id\",\"value\":\(eventID)}]}")
            #expect(eq.paging["total"] == o.orders.filter { $0.eventID == eventID }.count)
            let ne = try await fake.get(
                "orders", body: "{\"where\":[{\"column\":\"event_id\",\"operator\":\"!=\",\"value\":\(eventID)}]}")
            #expect(ne.paging["total"] == o.orders.filter { $0.eventID != eventID }.count)
            let window = try await fake.get(
                "orders",
                body: """
                    {"where":[{"column":"updated_at","operator":">","value":"\(FakeTimestamp.format(since))"},
                    {"column":"updated_at","operator":"<=","value":"\(FakeTimestamp.format(since + 3600))"},
                    {"column":"payed","value":true}]}
                    """)
            #expect(window.paging["total"] == o.orders.filter { $0.updatedAt > since && $0.updatedAt <= since + 3600 && $0.payed }.count)
            let liveEvents = try await fake.allPages("events", bodyPrefix: "\"where\":[{\"column\":\"deleted_at\",\"operator\":\"null\"}]")
            #expect(liveEvents.total == o.events.filter { $0.deletedAt == nil }.count)
            let unknown = try await fake.get("orders", body: "{\"where\":[{\"column\":\"no_such\",\"value\":1}]}")
            #expect(unknown.status == 400)
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        try await FakeHarness.with(Fixtures.organiser(orders: 300)) { fake in
            for page in 1...6 {
                let reply = try await fake.get("orders", body: "{\"page\":\(page)}")
                #expect(reply.status == 200)
            }
            let stats = await fake.server.stats()
            #expect(stats.totalRequests == 6 && stats.connectionsOpened == 1)
            #expect(stats.ordersServed == 300)
        }
    }

    @Test func authorisationIsChecked() async throws {
        try await FakeHarness.with(Fixtures.organiser(orders: 10)) { fake in
            let wrong = try await fake.get("orders", token: "nope")
            #expect(wrong.status == 403)
            #expect(wrong.text == "{\"error\":\"Wrong authorization\"}")
            let missing = try await fake.get("events", token: nil)
            #expect(missing.status == 403)
            let ok = try await fake.get("events")
            #expect(ok.status == 200)
            let stats = await fake.server.stats()
            #expect(stats.unauthorized == 2 && stats.byStatus[403] == 2 && stats.byStatus[200] == 1)
        }
    }

    @Test func unknownRoutesAnswerHTML404AndSingleObjectsJSON() async throws {
        let o = Fixtures.organiser(orders: 50)
        try await FakeHarness.with(o) { fake in
            let eventID = try #require(o.events.first?.id)
            for path in ["events/\(eventID)/seats", "nothing", "orders/abc", "shows/1/barcodes"] {
                let reply = try await fake.get(path)
                #expect(reply.status == 404)
                #expect(reply.headers.first(name: "content-type")?.hasPrefix("text/html") == true)
                #expect(reply.text.hasPrefix("<!DOCTYPE html>"))
            }
            let order = try #require(o.orders.last)
            let one = try await fake.get("orders/\(order.id)")
            #expect(one.status == 200)
            #expect((one.json?["data"] as? [String: Any])?["id"] as? Int == order.id)
            let missing = try await fake.get("orders/4360")
            #expect(missing.status == 404)
            #expect(missing.text == #"{"error":"Resource \"Order\" not found","status":404,"code":"RESOURCE_NOT_FOUND","info":{"id":4360,"resource":"Order"}}"#)
            #expect(await fake.server.stats().byRoute["unknown"] == 4)
        }
    }

    @Test func writesAreRefusedAndCounted() async throws {
        try await FakeHarness.with(Fixtures.organiser(orders: 10)) { fake in
            let post = try await fake.get("orders", body: "{}", method: .POST)
            #expect(post.status == 405)
            _ = try await fake.get("shows/1/barcodes", body: "{}", method: .POST)
            _ = try await fake.get("baskets/1", body: "{}", method: .PUT)
            _ = try await fake.get("orders/1/baskets", method: .DELETE)
            let stats = await fake.server.stats()
            #expect(stats.writeAttempts == 4)
            #expect(stats.byRoute["write"] == 4)
        }
    }

    @Test func seatsKeyedByIDWithDuplicatesDisabledAndAdmission() async throws {
        let o = Fixtures.organiser(seed: 42, orders: 300, events: 30)
        let multi = try #require(o.seats.first { Set($0.value.map(\.rootID)).count < $0.value.count && $0.value.contains { $0.admission } }
            ?? o.seats.first { Set($0.value.map(\.rootID)).count < $0.value.count })
        let disabledShow = try #require(o.seats.first { $0.value.contains { $0.disabled } })
        let empty = try #require(o.seats.first { $0.value.isEmpty })
        try await FakeHarness.with(o) { fake in
            let body = #"{"flat":true,"select":["id","root_id","admission","max_quantity","free_quantity","payed_quantity","in_basket_quantity","disabled"]}"#
            let reply = try await fake.get("shows/\(multi.key)/seats", body: body)
            #expect(reply.status == 200)
            let data = try #require(reply.json?["data"] as? [String: [String: Any]])
            #expect(data.count == multi.value.count)
            for (key, seat) in data {
                #expect(seat["id"] as? String == key)
                #expect(seat["root_id"] is String && seat["free_quantity"] is Int)
                #expect(seat["name"] == nil)  // select honoured
            }
            #expect(Set(data.values.compactMap { $0["root_id"] as? String }).count < data.count)

            let d = try await fake.get("shows/\(disabledShow.key)/seats", body: body)
            let seats = try #require(d.json?["data"] as? [String: [String: Any]])
            // `disabled` is a bool, or the PHP strings "0"/"1" on some shows.
            let disabled = seats.values.filter { ($0["disabled"] as? Bool) == true || ($0["disabled"] as? String) == "1" }
            #expect(disabled.count == disabledShow.value.filter(\.disabled).count)

            let e = try await fake.get("shows/\(empty.key)/seats", body: body)
            #expect(e.text == "{\"data\":[]}")
            let nested = try await fake.get("shows/\(multi.key)/seats")
            #expect((nested.json?["data"] as? [String: Any])?.values.allSatisfy { ($0 as? [String: Any])?["seats"] != nil } == true)
            let none = try await fake.get("shows/1/seats", body: body)
            #expect(none.status == 404 && none.text.contains("RESOURCE_NOT_FOUND"))
        }
    }

    @Test func phpQuirksInOutput() async throws {
        let o = Fixtures.organiser(seed: 42, orders: 400)
        try await FakeHarness.with(o) { fake in
            var text = ""
            for page in 1...8 { text += try await fake.get("orders", body: "{\"page\":\(page)}").text }
            let page = text  // probes below print their argument on failure, not 900 kB of JSON
            func has(_ s: String) -> Bool { page.contains(s) }
            func matches(_ r: String) -> Bool { page.range(of: r, options: .regularExpression) != nil }
            #expect(has("\"utm\":[]") && has("\"utm\":{"))
            #expect(has("\"fields\":[]") && has("\"reserved\":0") && has("\"reserved\":false"))
            #expect(has("+03:00\""))
            #expect(!matches(#"\d{2}:\d{2}:\d{2}Z""#))
            // Whole prices as integers, others as floats with no trailing zero.
            #expect(matches(#""price":\d+,"#))
            #expect(matches(#""price":\d+\.\d{1,2},"#))
            #expect(!matches(#""price":\d+\.\d0,"#))
            #expect(has("\"client_email\":\"client"))
            let events = try await fake.get("events").text
            #expect(events.contains("\"is_active\":1") || events.contains("\"is_active\":0"))
            #expect(events.contains("\"city\":{\"id\":"))
        }
    }
}
