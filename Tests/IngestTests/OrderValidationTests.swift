import Foundation
import QTicketsAPI
import Testing
@testable import Ingest

/// Issue 9.1, the pure part: an order whose values do not fit their columns exactly is refused
/// whole with its id and a reason; nothing is clamped or rounded.
@Suite struct OrderValidationTests {
    func order(id: Int = 4360, eventID: Int = 33, payedAt: Date? = HandMadeOrders.date("2025-11-03T12:00:00+03:00"), _ basket: Basket) -> Order {
        Order(id: id, eventID: eventID, payed: true, payedAt: payedAt, updatedAt: HandMadeOrders.date("2025-11-10T10:00:00+03:00"),
              price: 0, baskets: [Basket(id: 1, showID: 7, price: 10), basket])
    }

    func basket(id: Int = 2, showID: Int = 7, price: String = "1234.50", quantity: Int = 1) -> Basket {
        Basket(id: id, showID: showID, price: Decimal(string: price, locale: Locale(identifier: "en_US_POSIX"))!, quantity: quantity)
    }

    @Test(arguments: ["0", "0.01", "1234.5", "1234.50", "1234.500", "9999999999999999.99"])
    func pricesThatFitDecimal18_2Pass(_ price: String) throws {
        let rows = try HandMadeOrders.transform.rows(for: order(basket(price: price)), city: "", fetchedAt: HandMadeOrders.fetched)
        #expect(rows.count == 2)
        #expect(rows[1].price == Decimal(string: price, locale: Locale(identifier: "en_US_POSIX")))
    }

    @Test(arguments: [
        ("1234.567", "price 1234.567 has more than two decimals"),
        ("0.001", "price 0.001 has more than two decimals"),
        ("-5", "price -5 is negative"),
        ("-0.01", "price -0.01 is negative"),
        ("10000000000000000", "price 10000000000000000 has more than 16 integer digits"),
    ])
    func pricesThatDoNotFitRefuseTheWholeOrder(_ price: String, _ reason: String) {
        #expect(throws: OrderValidation.Rejection(orderID: 4360, reason: "ticket 2: " + reason)) {
            try HandMadeOrders.transform.rows(for: order(basket(price: price)), city: "", fetchedAt: HandMadeOrders.fetched)
        }
    }

    /// The fast check (the scaled integer) and the one by comparisons agree on every price:
    /// edge values, random ones of 0 to 20 digits with 0 to 5 decimals, either sign, and values
    /// made by arithmetic (whose exponents are not the parser's).
    @Test func theFastMoneyCheckAgreesWithTheComparedOne() {
        let posix = Locale(identifier: "en_US_POSIX")
        var values = ["0", "-0", "0.00", "0.001", "0.010", "-0.01", "9999999999999999.99", "9999999999999999.995",
                      "10000000000000000", "10000000000000000.00", "1e16", "1e15", "1e-2", "1e-3", "12345678901234567890123456789012345678",
                      "0.0000000000000000000000000000000000001", "1234.5", "1234.500", "1234.5001"].compactMap { Decimal(string: $0, locale: posix) }
        values += [Decimal.nan, Decimal(1) / Decimal(3), Decimal(10) / Decimal(4), Decimal(100) * Decimal(string: "0.015", locale: posix)!]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let digits = String((0..<Int.random(in: 1...20, using: &random)).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            let decimals = Int.random(in: 0...5, using: &random)
            var text = decimals > 0 && digits.count > decimals
                ? String(digits.dropLast(decimals)) + "." + String(digits.suffix(decimals)) : digits
            if Bool.random(using: &random) { text = "-" + text }
            if let value = Decimal(string: text, locale: posix) { values.append(value) }
        }
        for value in values {
            #expect(OrderValidation.moneyProblem(value) == OrderValidation.comparedMoneyProblem(value), "\(value)")
        }
    }

    @Test func negativeOrOverflowingQuantitiesAreRefused() {
        for quantity in [-1, Int(UInt32.max) + 1] {
            #expect(throws: OrderValidation.Rejection(orderID: 4360, reason: "ticket 2: quantity \(quantity) is negative or too large")) {
                try OrderValidation.check(order(basket(quantity: quantity)))
            }
        }
        #expect(throws: Never.self) { try OrderValidation.check(order(basket(quantity: Int(UInt32.max)))) }
    }

    /// Clamped to 0 before, so two different tickets collided on ticket_id 0.
    @Test func negativeAndZeroIdsAreRefusedNotClamped() {
        for bad in [-1, 0, Int.min] {
            #expect(throws: OrderValidation.Rejection(orderID: 4360, reason: "ticket id \(bad) is not a positive integer")) {
                try OrderValidation.check(order(basket(id: bad)))
            }
            #expect(throws: OrderValidation.Rejection(orderID: 4360, reason: "ticket 2: show_id \(bad) is not a positive integer")) {
                try OrderValidation.check(order(basket(showID: bad)))
            }
            #expect(throws: OrderValidation.Rejection(orderID: bad, reason: "order id \(bad) is not a positive integer")) {
                try OrderValidation.check(order(id: bad, basket()))
            }
            #expect(throws: OrderValidation.Rejection(orderID: 4360, reason: "event_id \(bad) is not a positive integer")) {
                try OrderValidation.check(order(eventID: bad, basket()))
            }
        }
        let rows = try? HandMadeOrders.transform.rows(for: order(id: Int.max, basket(id: Int.max, showID: Int.max)), city: "", fetchedAt: HandMadeOrders.fetched)
        #expect(rows?.last.map { [$0.ticketID, $0.orderID, $0.showID] } == [UInt64(Int.max), UInt64(Int.max), UInt64(Int.max)])
    }

    @Test func aPaymentOutsideDateTimeIsRefused() {
        let late = Date(timeIntervalSince1970: Double(UInt32.max) + 1)
        #expect(throws: OrderValidation.Rejection.self) { try OrderValidation.check(order(payedAt: late, basket())) }
        #expect(throws: OrderValidation.Rejection.self) { try OrderValidation.check(order(payedAt: Date(timeIntervalSince1970: -1), basket())) }
    }

    /// Three seats of `max_quantity` 2^63 − 1 used to trap summing the show's total.
    @Test func seatQuantitiesThatOverflowAreATypedErrorNotATrap() throws {
        let huge = (0..<3).map { Seat(id: "s\($0)", rootID: "r\($0)", maxQuantity: Int.max, freeQuantity: Int.max) }
        #expect(throws: InventoryTransform.Overflow(seatID: "s2")) { try InventoryTransform.totals(of: huge) }
        #expect(try InventoryTransform.totals(of: Array(huge.prefix(2))).total == UInt64(Int.max) * 2)
    }
}
