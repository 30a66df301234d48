import Foundation
import NIOCore
import TestSupport
import Testing
@testable import QTicketsAPI

/// Every golden payload in `Tests/Fixtures/qtickets-samples/` decodes, with the values a reader of the
/// file would expect.
@Suite struct SampleDecodingTests {
    let decoder = JSONDecoder()

    static func date(_ text: String) -> Date { QTicketsTimestamp.parse(text)! }

    @Test func everySampleFileHasADecodingTest() throws {
        #expect(Samples.allFiles == ["errors.json", "events-page.json", "order.json", "orders-page.json", "seats-flat.json"])
    }

    @Test func orderSample() throws {
        let order = try decoder.decode(SingleEnvelope<Order>.self, from: Samples.data("order.json")).data
        #expect(order.id == 4360)
        #expect(order.eventID == 33)
        #expect(order.payed)
        #expect(order.payedAt == Self.date("2019-07-30T09:50:52Z"))
        #expect(order.createdAt == Self.date("2019-07-30T12:50:36+03:00"))
        #expect(order.deletedAt == nil)
        #expect(order.price == Decimal(800))
        #expect(order.currencyID == "RUB")
        #expect(order.baskets.count == 1)
        let basket = try #require(order.baskets.first)
        #expect(basket.id == 63993)
        #expect(basket.showID == 41)
        #expect(basket.seatID == "CENTER_PARTERRE-21;12")
        #expect(basket.price == Decimal(150))
        #expect(basket.originalPrice == Decimal(150))
        #expect(basket.quantity == 1)
        #expect(basket.refundedAt == nil && basket.deletedAt == nil)
    }

    @Test func ordersPageSample() throws {
        let page = try decoder.decode(ListPage<Order>.self, from: Samples.data("orders-page.json"))
        #expect(page.paging == Paging(perPage: 50, currentPage: 1, total: 123_217))
        #expect(page.paging?.pageCount == 2465)
        let orders = page.rows.compactMap { if case .success(let o) = $0 { o } else { nil } }
        #expect(orders.map(\.id) == [1_614_202, 1_614_209])
        #expect(orders[0].payed && orders[0].deletedAt == nil)
        #expect(orders[0].price == Decimal(4) && orders[0].originalPrice == Decimal(390))
        #expect(orders[0].baskets.map(\.price) == [Decimal(4)])
        #expect(orders[0].updatedAt == Self.date("2021-05-27T17:35:43Z"))
        // The cancelled order: deleted, and its basket too.
        #expect(!orders[1].payed && orders[1].payedAt == nil)
        #expect(orders[1].deletedAt == Self.date("2021-06-05T03:01:03Z"))
        #expect(orders[1].baskets.first?.deletedAt == Self.date("2021-06-05T06:01:03+03:00"))
    }

    @Test func eventsPageSample() throws {
        let page = try decoder.decode(ListPage<Event>.self, from: Samples.data("events-page.json"))
        #expect(page.paging == Paging(perPage: 10, currentPage: 1, total: 221))
        guard case .success(let event) = try #require(page.rows.first) else {
            Issue.record("event did not decode")
            return
        }
        #expect(event.id == 24089)
        #expect(event.name == "Детская интерактивная выставка Корпорация Кубиков")
        #expect(event.isActive == false)  // is_active: 0
        #expect(event.cityID == 24)
        #expect(event.city == City(id: 24, name: "Томск", timezone: "Asia/Krasnoyarsk"))
        #expect(event.deletedAt == nil)
        #expect(event.shows.count == 1)
        let show = try #require(event.shows.first)
        #expect(show.id == 152_887)
        #expect(show.isActive)  // is_active: 1
        #expect(show.name == "")
        #expect(show.startDate == Self.date("2021-06-16T17:00:00Z"))
        #expect(show.finishDate == Self.date("2021-07-25T19:55:00+03:00"))
        #expect(show.deletedAt == nil)
    }

    @Test func seatsSample() throws {
        let envelope = try decoder.decode(SeatsEnvelope.self, from: Samples.data("seats-flat.json"))
        let seats = envelope.rows.compactMap { if case .success(let s) = $0 { s } else { nil } }
        #expect(seats.count == 2)
        #expect(seats.map(\.id) == ["full_RIGHT_PARTERRE-1;6", "full_RIGHT_PARTERRE-1;7"])
        #expect(seats.map(\.rootID) == ["RIGHT_PARTERRE-1;6", "RIGHT_PARTERRE-1;7"])
        #expect(seats.map(\.zoneID) == ["full_RIGHT_PARTERRE", "full_RIGHT_PARTERRE"])
        #expect(seats.map(\.freeQuantity) == [1, 0])
        #expect(seats.map(\.maxQuantity) == [1, 1])
        #expect(seats.map(\.payedQuantity) == [0, 1])
        #expect(seats.allSatisfy { !$0.admission && !$0.disabled })
    }

    @Test func errorsSample() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Samples.data("errors.json")) as? [String: Any])
        func response(_ key: String, status: Int) throws -> TransportResponse {
            let value = try #require(object[key])
            if let html = value as? String {
                return TransportResponse(status: status, headers: [("Content-Type", "text/html; charset=UTF-8")], body: ByteBuffer(string: html))
            }
            let data = try JSONSerialization.data(withJSONObject: value)
            return TransportResponse(status: status, headers: [("Content-Type", "application/json")], body: ByteBuffer(bytes: data))
        }
        let orders = Endpoint.orders

        let forbidden = ResponseClassifier.failure(for: try response("403 bad token", status: 403), endpoint: orders)
        #expect(forbidden.error == .tokenRejected(endpoint: "orders", status: 403))
        #expect(!forbidden.retryable)

        let missing = ResponseClassifier.failure(for: try response("404 missing resource", status: 404), endpoint: .order(id: 4360))
        #expect(missing.error == .http(endpoint: "orders/{id}", status: 404, message: "Resource \"Order\" not found (RESOURCE_NOT_FOUND)"))
        #expect(!missing.retryable)

        let unknown = ResponseClassifier.failure(for: try response("503 unknown", status: 503), endpoint: orders)
        #expect(unknown.error == .http(endpoint: "orders", status: 503, message: "Unknown error (UNKNOWN_ERROR)"))
        #expect(unknown.retryable)

        let html = ResponseClassifier.failure(for: try response("404 unknown route (text/html)", status: 404), endpoint: .seats(showID: 1))
        #expect(html.error == .http(endpoint: "shows/{id}/seats", status: 404, message: "HTML page: Страница не найдена 404 – Qtickets"))
        #expect(!html.retryable)

        // The envelope itself, including `info: []`.
        let envelope = try JSONDecoder().decode(ErrorEnvelope.self, from: JSONSerialization.data(withJSONObject: try #require(object["503 unknown"])))
        #expect(envelope == ErrorEnvelope(error: "Unknown error", status: 503, code: "UNKNOWN_ERROR"))
    }
}
