import Foundation
import Testing
@testable import QTicketsAPI

/// Answers built to hurt: deep nesting, huge strings, integers past `Int`. The fast decoders
/// answer each with the reference's typed result or error; nothing traps or overflows the stack.
@Suite struct FastDecoderHostileInputTests {
    static let row = #"{"id":1,"event_id":2,"price":3}"#

    @Test(arguments: [100_000, 513, 512, 511, 300])
    func deepNestingIsATypedErrorNotAStackOverflow(_ depth: Int) throws {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        for nested in [arrays, objects] {
            for page in [
                nested, #"{"data":\#(nested)}"#, #"{"data":[\#(nested)]}"#,
                #"{"data":[{"id":1,"event_id":2,"price":3,"utm":\#(nested)}],"paging":{"total":1}}"#,
                #"{"data":{"s":{"id":"s","max_quantity":1,"free_quantity":1,"x":\#(nested)}}}"#,
            ] {
                let outcomes = [
                    DecoderAgreement.orders(Data(page.utf8), "depth \(depth)").errorText,
                    DecoderAgreement.seats(Data(page.utf8), "depth \(depth)").errorText,
                    DecoderAgreement.order(Data(page.utf8), "depth \(depth)").errorText,
                ]
                for case let error? in outcomes { #expect(error.hasPrefix("DecodingError")) }
            }
        }
        let deep = #"{"data":[{"id":1,"event_id":2,"price":3,"utm":\#(arrays)}]}"#
        if depth >= 511 {
            #expect(throws: DecodingError.self) { try FastPageDecoder.orders(Data(deep.utf8)) }
        }
    }

    @Test func longStringsAreSkipped() throws {
        let long = String(repeating: "ab\\\"c\\u0416d€", count: 400_000)  // ~5 MB of escapes and UTF-8
        let page = #"{"data":[{"id":1,"comment":"\#(long)","event_id":2,"price":3,"baskets":[{"id":4,"show_id":5,"price":6,"pdf_url":"\#(long)"}]}]}"#
        guard case .value(let decoded) = DecoderAgreement.orders(Data(page.utf8), "long strings") else {
            Issue.record("the page did not decode")
            return
        }
        #expect(decoded.rows.map(\.id) == [1] && decoded.rows[0].baskets.map(\.showID) == [5])
    }

    @Test(arguments: ["18446744073709551616", "9223372036854775808", "-9223372036854775809", "1e19", "99999999999999999999999999"])
    func integersPastIntFailTheRowNotTheProcess(_ literal: String) throws {
        let page = #"{"data":[{"id":\#(literal),"event_id":2,"price":3},{"id":7,"event_id":\#(literal),"price":3},{"id":8,"event_id":2,"price":3,"baskets":[{"id":1,"show_id":\#(literal),"price":1,"quantity":\#(literal)}]},\#(Self.row)]}"#
        guard case .value(let decoded) = DecoderAgreement.orders(Data(page.utf8), literal) else {
            Issue.record("the page failed as a whole")
            return
        }
        #expect(decoded.rows.map(\.id) == [1])
        #expect(decoded.failures.map(\.id) == [nil, 7, 8])
        #expect(decoded.failures.allSatisfy { $0.reason.contains("expected an integer") })
    }

    @Test func pagingAtTheEdgeOfInt() throws {
        let max = #"{"data":[\#(Self.row)],"paging":{"perPage":50,"currentPage":1,"total":9223372036854775807}}"#
        if case .value(let decoded) = DecoderAgreement.orders(Data(max.utf8), "total Int.max") {
            #expect(decoded.paging?.total == Int.max)
        } else {
            Issue.record("Int.max total did not decode")
        }
        let over = #"{"data":[\#(Self.row)],"paging":{"perPage":50,"currentPage":1,"total":9223372036854775808}}"#
        #expect(DecoderAgreement.orders(Data(over.utf8), "total past Int.max").errorText?.hasPrefix("DecodingError") == true)
        let seatsOver = #"{"data":{"s":{"id":"s","max_quantity":18446744073709551616,"free_quantity":1}}}"#
        if case .value(let seats) = DecoderAgreement.seats(Data(seatsOver.utf8), "seat quantity past Int") {
            #expect(seats.rows.isEmpty && seats.failures.count == 1)
        }
    }

    /// The eight-bytes-at-a-time string scan: a quote, escape, control byte or UTF-8 sequence at
    /// every offset of strings of every length up to 24, in a decoded field and a skipped one.
    @Test func specialBytesAtEveryOffsetOfAString() throws {
        for length in 0...24 {
            for offset in 0...length {
                for special in [#"\""#, #"\\"#, #"\u0416"#, "\u{01}", "Ж", "€", "\t"] {
                    var text = String(repeating: "x", count: length)
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
                    let page = #"{"data":[{"id":1,"event_id":2,"price":3,"comment":"\#(text)","baskets":[{"id":4,"show_id":5,"price":6,"seat_id":"\#(text)"}]}]}"#
                    DecoderAgreement.orders(Data(page.utf8), "\(length)/\(offset)/\(special)")
                }
            }
        }
    }
}
