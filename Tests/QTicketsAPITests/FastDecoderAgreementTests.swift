import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// The fast decoders give exactly what the `Decodable` reference gives: on the golden samples,
/// on every PHP quirk, and on pages the fake generates (malformed rows included).
@Suite struct FastDecoderAgreementTests {
    @Test func goldenSamples() throws {
        let page = DecoderAgreement.orders(try TestSupport.Samples.data("orders-page.json"), "orders-page.json")
        guard case .value(let decoded) = page else {
            Issue.record("orders-page.json did not decode")
            return
        }
        #expect(decoded.rows.map(\.id) == [1_614_202, 1_614_209] && decoded.failures.isEmpty)
        #expect(try FastPageDecoder.order(TestSupport.Samples.data("order.json")).id == 4360)
        DecoderAgreement.order(try TestSupport.Samples.data("order.json"), "order.json")
        let seats = DecoderAgreement.seats(try TestSupport.Samples.data("seats-flat.json"), "seats-flat.json")
        if case .value(let s) = seats { #expect(s.rows.count == 2) }
        // Answers of another shape: the reference's verdict, whatever it is.
        for name in TestSupport.Samples.allFiles {
            let data = try TestSupport.Samples.data(name)
            DecoderAgreement.orders(data, "\(name) as orders")
            DecoderAgreement.order(data, "\(name) as an order")
            DecoderAgreement.seats(data, "\(name) as seats")
        }
    }

    @Test(arguments: QuirkRows.orders)
    func everyOrderQuirk(_ row: String) throws {
        let page = #"{"data":[\#(row),{"id":9,"event_id":1,"price":1}],"paging":{"perPage":50,"currentPage":1,"total":2}}"#
        DecoderAgreement.orders(Data(page.utf8), row)
        DecoderAgreement.order(Data(#"{"data":\#(row)}"#.utf8), row)
    }

    @Test(arguments: QuirkRows.envelopes)
    func everyEnvelopeQuirk(_ page: String) throws {
        DecoderAgreement.orders(Data(page.utf8), page)
        DecoderAgreement.order(Data(page.utf8), page)
        DecoderAgreement.seats(Data(page.utf8), page)
    }

    @Test(arguments: QuirkRows.seats)
    func everySeatQuirk(_ row: String) throws {
        DecoderAgreement.seats(Data(#"{"data":{"b":\#(row),"a":{"id":"a","max_quantity":1,"free_quantity":0}}}"#.utf8), row)
        DecoderAgreement.seats(Data(#"{"data":[\#(row)]}"#.utf8), row)
    }

    @Test func malformedRowsFailAloneWithTheSameIDAndReason() throws {
        let outcome = DecoderAgreement.orders(Data(QuirkRows.malformedPage.utf8), "malformed page")
        guard case .value(let page) = outcome else {
            Issue.record("the page failed as a whole")
            return
        }
        #expect(page.rows.map(\.id) == [1, 5])
        #expect(page.failures.map(\.id) == [2, 3, nil])
        #expect(page.failures.map(\.reason) == [
            "bad value at data[1].price: expected an amount",
            "null or missing value at data[2].baskets[0].show_id: missing integer",
            "null or missing value at data[3].id: missing integer",
        ])
    }

    @Test func generatedPagesAgree() async throws {
        let organiser = FakeAPI.organiser(orders: 2_000, events: 30)
        try await FakePages.with(organiser) { fake in
            var orders = 0
            for (i, page) in try await fake.orderPages().enumerated() {
                if case .value(let decoded) = DecoderAgreement.orders(page, "generated page \(i + 1)") {
                    orders += decoded.rows.count
                    #expect(decoded.failures.isEmpty)
                }
            }
            #expect(orders == organiser.orders.count)
            for order in organiser.orders.prefix(40) {
                DecoderAgreement.order(try await fake.get("orders/\(order.id)", body: nil), "order \(order.id)")
            }
            let flat = String(decoding: try SeatsRequestBody().jsonBytes(), as: UTF8.self)
            for showID in organiser.showIDs {
                DecoderAgreement.seats(try await fake.get("shows/\(showID)/seats", body: flat), "seats of \(showID)")
                DecoderAgreement.seats(try await fake.get("shows/\(showID)/seats", body: #"{"flat":true}"#), "all seat fields of \(showID)")
                DecoderAgreement.seats(try await fake.get("shows/\(showID)/seats", body: nil), "seats by zone of \(showID)")
            }
        }
    }

    @Test(arguments: FaultPlan.MalformedMode.allCases)
    func generatedMalformedPagesAgree(_ mode: FaultPlan.MalformedMode) async throws {
        let organiser = FakeAPI.organiser(orders: 300)
        let pages = try await FakePages.with(organiser, faults: FaultPlan(malformedOrdersPage: 2, malformedMode: mode)) { fake in
            try await fake.orderPages()
        }
        for (i, page) in pages.enumerated() {
            let outcome = DecoderAgreement.orders(page, "\(mode) page \(i + 1)")
            switch (i + 1, mode, outcome) {
            case (2, .truncated, .error(let text)): #expect(text.contains("DecodingError"))
            case (2, _, .value(let decoded)): #expect(decoded.failures.count == 1 && decoded.rows.count == 49)
            case (_, _, .value(let decoded)): #expect(decoded.failures.isEmpty)
            default: Issue.record("unexpected outcome of \(mode) page \(i + 1)")
            }
        }
    }
}
