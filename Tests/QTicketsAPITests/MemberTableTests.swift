import Foundation
import Testing
@testable import QTicketsAPI

private enum TestField: String, CaseIterable {
    case id, total, createdAt = "created_at", inBasketQuantity = "in_basket_quantity"
}

/// The fast decoders' member table takes a member for a field only when the whole name matches:
/// names that share a field's length and first, last or all but a middle byte are other members.
@Suite struct MemberTableTests {
    private let table = MemberTable<TestField>()

    /// Looks `name` up as the member name of `"name"` followed by `after` (nothing: the name ends
    /// the buffer, so its first eight bytes cannot be loaded as one word).
    private func lookUp(_ name: String, after: String = "") -> (field: TestField, number: Int)? {
        let bytes = Array("\"\(name)\"\(after)".utf8)
        let span = JSONStringSpan(start: 1, end: 1 + name.utf8.count, isSimple: true, isASCII: true)
        return bytes.withUnsafeBytes { table.field(span, in: $0) }
    }

    private func field(_ name: String, after: String = "") -> TestField? { lookUp(name, after: after)?.field }

    @Test func wholeNamesMatchWhereverTheyStand() {
        for after in ["", ":1}", #":"2021-05-18T12:23:40+03:00"}"#] {
            #expect(field("id", after: after) == .id)
            #expect(field("total", after: after) == .total)
            #expect(field("created_at", after: after) == .createdAt)
            #expect(field("in_basket_quantity", after: after) == .inBasketQuantity)
        }
    }

    @Test func nearMissesAreOtherMembers() {
        for name in ["i", "ids", "Id", "totaL", "created_by", "dreated_at", "in_bXsket_quantity", "in_baskeX_quantity", "in_basketXquantity", "in_basket_quantitx", "in_basket_quantity_"] {
            #expect(field(name) == nil, "\(name)")
            #expect(field(name, after: ":0,\"padding\":0}") == nil, "\(name)")
        }
    }

    @Test func everyFieldHasItsOwnNumberBelow64() {
        let numbers = TestField.allCases.compactMap { lookUp($0.rawValue, after: ":0}")?.number }
        #expect(numbers.count == TestField.allCases.count && Set(numbers).count == numbers.count)
        #expect(numbers.allSatisfy { (0..<64).contains($0) })
    }

    /// The same near misses inside real answers: the fast decoders still agree with the reference.
    @Test func nearMissesInAnswersDecodeAsTheReferenceDoes() {
        let order = #"{"id":1,"event_id":2,"price":3,"created_by":"x","event_iX":7,"original_pricX":1,"currency_iX":"EUR","payed_aX":1}"#
        DecoderAgreement.order(Data(#"{"data":\#(order)}"#.utf8), "near-miss order")
        DecoderAgreement.order(Data(#"{"data":{"event_id":2,"price":3,"id":1}}"#.utf8), "short name at the end")
        let seat = #"{"id":"s","max_quantity":3,"free_quantity":1,"in_basketXquantity":6,"in_basket_quantitX":5,"root_iX":"r","disablet":true}"#
        DecoderAgreement.seats(Data(#"{"data":[\#(seat)]}"#.utf8), "near-miss seat")
    }
}
