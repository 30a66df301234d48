import Foundation
import Testing
@testable import QTicketsAPI

/// Runs the fast decoders and the `Decodable` reference on the same bytes and records every
/// difference: rows, failures (ids and reasons), paging, errors (their full description), and
/// the storage of every `Decimal` (equal values could still differ in representation).
enum DecoderAgreement {
    /// The outcome of one decoder, comparable as a whole.
    enum Outcome<T: Equatable>: Equatable {
        case value(T)
        case error(String)

        init(_ body: () throws -> T) {
            do { self = .value(try body()) } catch { self = .error("\(type(of: error)): \(error)") }
        }

        var errorText: String? { if case .error(let text) = self { text } else { nil } }
    }

    struct OrderPage: Equatable {
        var rows: [Order]
        var failures: [DecodedPage<Order>.RowFailure]
        var paging: Paging?
        var decimalBits: [[UInt8]]

        init(_ page: DecodedPage<Order>) {
            rows = page.rows
            failures = page.failures
            paging = page.paging
            decimalBits = page.rows.flatMap(DecoderAgreement.decimalBits)
        }
    }

    struct SeatPage: Equatable {
        var rows: [Seat]
        var failures: [DecodedPage<Seat>.RowFailure]

        init(_ page: DecodedPage<Seat>) {
            rows = page.rows
            failures = page.failures
        }
    }

    /// Decodes `data` as an order page both ways; returns the fast outcome after checking it.
    @discardableResult
    static func orders(_ data: Data, _ label: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation)
        -> Outcome<OrderPage>
    {
        let reference = Outcome { OrderPage(try PageDecoder.orders(data)) }
        let fast = Outcome { OrderPage(try FastPageDecoder.orders(data)) }
        #expect(fast == reference, "order page \(label())", sourceLocation: sourceLocation)
        return fast
    }

    @discardableResult
    static func order(_ data: Data, _ label: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation)
        -> Outcome<Order>
    {
        let reference = Outcome { try JSONDecoder().decode(SingleEnvelope<Order>.self, from: data).data }
        let fast = Outcome { try FastPageDecoder.order(data) }
        #expect(fast == reference, "single order \(label())", sourceLocation: sourceLocation)
        if case .value(let a) = fast, case .value(let b) = reference {
            #expect(decimalBits(a) == decimalBits(b), "decimal storage \(label())", sourceLocation: sourceLocation)
        }
        return fast
    }

    @discardableResult
    static func seats(_ data: Data, _ label: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation)
        -> Outcome<SeatPage>
    {
        let reference = Outcome { SeatPage(try PageDecoder.seats(data)) }
        let fast = Outcome { SeatPage(try FastPageDecoder.seats(data)) }
        #expect(fast == reference, "seats \(label())", sourceLocation: sourceLocation)
        return fast
    }

    /// The raw storage of every amount of `order`, in a fixed order.
    static func decimalBits(_ order: Order) -> [[UInt8]] {
        var amounts: [Decimal?] = [order.price, order.originalPrice]
        for basket in order.baskets { amounts += [basket.price, basket.originalPrice] }
        return amounts.map { amount in amount.map { value in withUnsafeBytes(of: value) { Array($0) } } ?? [] }
    }
}
