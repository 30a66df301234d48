import Foundation
import Testing
@testable import QTicketsAPI

/// Hand-made PHP-shaped payloads: the quirks the samples show, and their neighbours.
@Suite struct QuirkDecodingTests {
    let decoder = JSONDecoder()

    func order(_ fields: String, baskets: String = "[]") throws -> Order {
        let json = """
            {"id": 7, "event_id": 3, "payed": true, "price": 100, "baskets": \(baskets)\(fields.isEmpty ? "" : ", " + fields)}
            """
        return try decoder.decode(Order.self, from: Data(json.utf8))
    }

    @Test(arguments: ["1234.56", "0.1", "99999.99", "0.07", "2.675", "1.005", "0", "390", "12345678901234.99", "1e2", "-15.5"])
    func pricesAreExactDecimals(_ literal: String) throws {
        let decoded = try order("", baskets: #"[{"id":1,"show_id":2,"price":\#(literal),"original_price":"\#(literal)"}]"#)
        let expected = try #require(Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")))
        #expect(decoded.baskets[0].price == expected)
        #expect(decoded.baskets[0].originalPrice == expected)  // numeric string form
        #expect("\(decoded.baskets[0].price)" == "\(expected)")
    }

    @Test func everyKopeckAmountUpTo100kDecodesExactly() throws {
        // 0.00 … 99999.99 in one big array: the decoder must not route through Double.
        var text = "["
        var expected: [Decimal] = []
        expected.reserveCapacity(10_000_000 / 97 + 1)
        var cents = 0
        while cents < 10_000_000 {
            let literal = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
            text += (expected.isEmpty ? "" : ",") + literal
            expected.append(Decimal(string: literal)!)
            cents += 97  // every residue of the last two digits is hit
        }
        text += "]"
        let decoded = try decoder.decode([Decimal].self, from: Data(text.utf8))
        #expect(decoded == expected)
    }

    @Test func garbageStringsAreNotMoney() throws {
        #expect(throws: (any Error).self) { try order("", baskets: #"[{"id":1,"show_id":2,"price":"12abc"}]"#) }
        #expect(ExactDecimal.parse("12abc") == nil)
        #expect(ExactDecimal.parse("1.") == nil)
        #expect(ExactDecimal.parse("-0.50") == Decimal(string: "-0.5"))
    }

    @Test func emptyPHPArraysStandForEmptyObjects() throws {
        let json = """
            {"data":[{"id":1,"name":"E","is_active":"1","city":[],"shows":[],"utm":[],"fields":[],"deleted_at":null}],
             "paging":{"perPage":"10","currentPage":1,"total":"1"}}
            """
        let page = try decoder.decode(ListPage<Event>.self, from: Data(json.utf8))
        guard case .success(let event) = page.rows.first else {
            Issue.record("event did not decode")
            return
        }
        #expect(event.city == nil)
        #expect(event.isActive)
        #expect(page.paging == Paging(perPage: 10, currentPage: 1, total: 1))
        // utm / fields / integrations / custom in every shape seen on orders:
        let o = try order(#""utm": [], "fields": {"a": 1}, "integrations": "", "custom": [], "refunds": []"#)
        #expect(o.id == 7)
    }

    @Test(arguments: [
        ("true", true), ("false", false), ("1", true), ("0", false), ("\"1\"", true), ("\"0\"", false), ("\"\"", false),
        ("null", false), ("\"true\"", true),
    ])
    func flagsInEveryShape(_ literal: String, _ expected: Bool) throws {
        let o = try decoder.decode(Order.self, from: Data(#"{"id":1,"event_id":2,"price":0,"payed":\#(literal)}"#.utf8))
        #expect(o.payed == expected)
        let seat = try decoder.decode(
            Seat.self, from: Data(#"{"id":"a","max_quantity":1,"free_quantity":"1","disabled":\#(literal),"admission":\#(literal)}"#.utf8))
        #expect(seat.disabled == expected)
        #expect(seat.admission == expected)
        #expect(seat.freeQuantity == 1)
    }

    @Test func numericStringsAndNumericSeatIDs() throws {
        let o = try decoder.decode(Order.self, from: Data(#"{"id":"1614202","event_id":"24089","price":"4.50","payed":1}"#.utf8))
        #expect(o.id == 1_614_202 && o.eventID == 24089 && o.price == Decimal(string: "4.5"))
        let seat = try decoder.decode(Seat.self, from: Data(#"{"id":12,"max_quantity":"3","free_quantity":2}"#.utf8))
        #expect(seat.id == "12" && seat.rootID == "12" && seat.maxQuantity == 3)
    }

    @Test(arguments: [
        ("2021-05-18T12:23:40+03:00", 1_621_329_820.0),
        ("2021-05-18T09:23:40Z", 1_621_329_820.0),
        ("2021-05-18T09:23:40.250Z", 1_621_329_820.25),
        ("2021-05-18T12:23:40+0300", 1_621_329_820.0),
        ("2021-05-18 12:23:40+03:00", 1_621_329_820.0),
        ("2021-05-18T04:23:40-05:00", 1_621_329_820.0),
        ("2021-05-18T12:23:40", 1_621_329_820.0),  // no offset: the API's Moscow convention
        ("2024-02-29T23:59:59+03:00", 1_709_240_399.0),
        ("1970-01-01T03:00:00+03:00", 0.0),
    ])
    func timestampsKeepTheInstant(_ text: String, _ epoch: Double) throws {
        #expect(QTicketsTimestamp.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test func timestampsAgreeWithISO8601DateFormatter() throws {
        let formatter = ISO8601DateFormatter()
        var seconds = 1_500_000_000.0
        for _ in 0..<2000 {
            seconds += 12_345.0
            let date = Date(timeIntervalSince1970: seconds)
            let rendered = QTicketsTimestamp.render(date, timeZone: TimeZone(identifier: "Europe/Moscow")!)
            #expect(rendered.hasSuffix("+03:00"))
            #expect(formatter.date(from: rendered) == date)
            #expect(QTicketsTimestamp.parse(rendered) == date)
        }
    }

    @Test func unreadableTimestampsAndMalformedValuesFailTheRow() throws {
        #expect(throws: (any Error).self) { try order(#""payed_at": "yesterday""#) }
        #expect(throws: (any Error).self) { try order(#""payed_at": "2021-13-01T00:00:00+03:00""#) }
        #expect(try order(#""payed_at": """#).payedAt == nil)
        #expect(try order(#""payed_at": null"#).payedAt == nil)
    }

    @Test func unknownFieldsAreIgnoredAndMissingOptionalsTolerated() throws {
        let o = try order(#""brand_new_field": {"x": [1, 2, {"y": null}]}, "another": 3.5"#,
                          baskets: #"[{"id": 5, "show_id": 6, "price": 10, "mystery": true}]"#)
        #expect(o.payedAt == nil && o.createdAt == nil && o.currencyID == nil && o.originalPrice == nil)
        #expect(o.baskets[0].quantity == 1)
        #expect(o.baskets[0].originalPrice == nil && o.baskets[0].refundedAt == nil)
        let event = try decoder.decode(Event.self, from: Data(#"{"id": 1}"#.utf8))
        #expect(event.shows.isEmpty && event.city == nil && event.name == "")
    }

    @Test func phpAssociativeArraysOfBaskets() throws {
        let o = try order("", baskets: #"{"1": {"id": 11, "show_id": 1, "price": 1}, "0": {"id": 10, "show_id": 1, "price": 2}}"#)
        #expect(o.baskets.map(\.id) == [10, 11])
    }

    @Test func oneMalformedOrderDoesNotFailItsPage() throws {
        let json = """
            {"data": [
              {"id": 1, "event_id": 1, "payed": true, "price": 10, "baskets": []},
              {"id": 2, "event_id": 1, "payed": true, "price": "ten roubles", "baskets": []},
              {"id": 3, "event_id": 1, "payed": true, "price": 30, "baskets": [{"id": 1, "price": 1}]},
              {"uniqid": "no id at all"},
              {"id": 5, "event_id": 1, "payed": false, "price": 50}
            ], "paging": {"perPage": 50, "currentPage": 1, "total": 5}}
            """
        let page = try decoder.decode(ListPage<Order>.self, from: Data(json.utf8))
        #expect(page.rows.count == 5)
        var good: [Int] = []
        var bad: [(Int?, String)] = []
        for row in page.rows {
            switch row {
            case .success(let o): good.append(o.id)
            case .failure(let id, let reason): bad.append((id, reason))
            }
        }
        #expect(good == [1, 5])
        #expect(bad.map(\.0) == [2, 3, nil])
        #expect(bad[0].1.contains("price"))
        #expect(bad[1].1.contains("show_id"))
    }
}
