import ClientSupport
import Foundation
import TestSupport
import Testing
@testable import QTicketsAPI

/// What goes on the wire: GET, filters in the JSON body, bearer token, JSON headers.
@Suite struct RequestShapeTests {
    static let emptyList = #"{"data":[],"paging":{"perPage":50,"currentPage":1,"total":0}}"#

    @Test func ordersTravelInTheBodyAsAKeysetWalk() async throws {
        let f = ClientFactory()
        // Three orders changed in the window; the server serves two a page.
        let transport = ScriptedTransport { request, _ in
            let after = (request.jsonBody?["where"] as? [[String: Any]])?.first { $0["column"] as? String == "id" }?["value"] as? Int ?? 0
            let rows = [4360, 4361, 4402].filter { $0 > after }
            return .json(200, listJSON(rows: rows.prefix(2).map { orderJSON($0) }, perPage: 2, page: 1, total: rows.count))
        }
        let client = try f.client(transport)
        let from = QTicketsTimestamp.parse("2025-11-03T00:00:00+03:00")!
        let range = KeysetRange(column: "updated_at", from: from)
        var ids: [Int] = []
        for try await order in client.orders(where: range.filters(timeZone: WhereClause.moscow)) { ids.append(order.id) }
        #expect(ids == [4360, 4361, 4402])
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url == "https://qtickets.test/api/rest/v1/orders")
        #expect(request.header("Authorization") == "Bearer \(ClientFactory.token)")
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("Accept-Encoding") == "gzip")
        #expect(request.header("Content-Type") == "application/json")
        let bodies = transport.requests.map { String(decoding: $0.body ?? [], as: UTF8.self) }
        #expect(bodies == [
            #"{"orderBy":{"id":"asc"},"page":1,"per_page":1000,"where":[{"column":"updated_at","operator":">=","value":"2025-11-03T00:00:00+03:00"}]}"#,
            #"{"orderBy":{"id":"asc"},"page":1,"per_page":1000,"where":[{"column":"updated_at","operator":">=","value":"2025-11-03T00:00:00+03:00"},{"column":"id","operator":">","value":4361}]}"#,
        ])
    }

    @Test func eventsDefaultToNotDeleted() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(200, Self.emptyList) }
        for try await _ in try f.client(transport).events() {}
        let body = String(decoding: try #require(transport.requests.first?.body), as: UTF8.self)
        #expect(body == #"{"orderBy":{"id":"asc"},"page":1,"per_page":1000,"where":[{"column":"deleted_at","operator":"null"}]}"#)
        #expect(transport.requests.first?.url.hasSuffix("/events") == true)
    }

    @Test func everyOperatorEncodes() throws {
        let day = QTicketsTimestamp.parse("2025-01-31T21:00:00Z")!
        let clauses: [WhereClause] = [
            .eq("event_id", 5), .eq("uniqid", "abc"), .eq("payed", true), .ne("event_id", 6), .lt("id", 10), .gt("id", 1),
            .le("id", 9), .ge("id", 2), .in("id", [1, 2, 3]), .notIn("id", [4]), .in("currency_id", ["RUB"]),
            .isNull("deleted_at"), .lt("payed_at", day), .ge("payed_at", day, timeZone: TimeZone(identifier: "UTC")!),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(clauses), as: UTF8.self)
        #expect(text == """
            [{"column":"event_id","operator":"=","value":5},{"column":"uniqid","operator":"=","value":"abc"},\
            {"column":"payed","operator":"=","value":true},{"column":"event_id","operator":"!=","value":6},\
            {"column":"id","operator":"<","value":10},{"column":"id","operator":">","value":1},\
            {"column":"id","operator":"<=","value":9},{"column":"id","operator":">=","value":2},\
            {"column":"id","operator":"in","value":[1,2,3]},{"column":"id","operator":"not in","value":[4]},\
            {"column":"currency_id","operator":"in","value":["RUB"]},{"column":"deleted_at","operator":"null"},\
            {"column":"payed_at","operator":"<","value":"2025-02-01T00:00:00+03:00"},\
            {"column":"payed_at","operator":">=","value":"2025-01-31T21:00:00+00:00"}]
            """)
    }

    @Test func oneOrderByID() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(200, #"{"data":\#(orderJSON(4360, price: "1234.56"))}"#) }
        let order = try await f.client(transport).order(id: 4360)
        #expect(order.id == 4360)
        #expect(order.price == Decimal(string: "1234.56"))
        #expect(transport.requests.first?.url == "https://qtickets.test/api/rest/v1/orders/4360")
        #expect(transport.requests.first?.body == nil)
        #expect(transport.requests.first?.method == "GET")
    }

    @Test func seatsAskFlatMinimalAndAcceptObjectOrArray() async throws {
        let f = ClientFactory()
        let keyed = try String(decoding: Samples.data("seats-flat.json"), as: UTF8.self)
        let array = #"{"data":[{"id":"z1","root_id":"Z","admission":true,"max_quantity":50,"free_quantity":"12","disabled":"0"}]}"#
        let transport = ScriptedTransport { request, _ in
            .json(200, request.url.hasSuffix("/shows/1/seats") ? keyed : array)
        }
        let client = try f.client(transport)
        let seats = try await client.seats(showID: 1)
        #expect(seats.map(\.rootID) == ["RIGHT_PARTERRE-1;6", "RIGHT_PARTERRE-1;7"])
        let zone = try await client.seats(showID: 2)
        #expect(zone == [Seat(id: "z1", rootID: "Z", admission: true, maxQuantity: 50, freeQuantity: 12)])
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url == "https://qtickets.test/api/rest/v1/shows/1/seats")
        let body = try #require(request.jsonBody)
        #expect(body["flat"] as? Bool == true)
        #expect(Set(body["select"] as? [String] ?? []).isSuperset(of: ["id", "root_id", "max_quantity", "free_quantity", "disabled"]))
    }

    @Test func configurationNeverShowsTheToken() throws {
        let c = QTicketsConfiguration(baseURL: try ServiceURL("https://qtickets.ru/api/rest/v1"), token: Secret(ClientFactory.token))
        #expect(!"\(c)".contains(ClientFactory.token))
        #expect(!String(reflecting: c).contains(ClientFactory.token))
        var dumped = ""
        dump(c, to: &dumped)
        #expect(!dumped.contains(ClientFactory.token))
        #expect(throws: ServiceURL.Invalid.self) { try ServiceURL("qtickets.ru") }
        #expect(throws: QTicketsError.self) {
            _ = try QTicketsClient(configuration: .init(baseURL: try ServiceURL("https://qtickets.ru"), token: Secret("")), logger: .init(label: "t"))
        }
    }
}
