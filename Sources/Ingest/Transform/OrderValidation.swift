import ClickHouseHTTP
import Foundation
import QTicketsAPI

/// The checks an order passes before it becomes ticket rows: every value it writes must fit its
/// column exactly, because the alternative is worse either way. A price with a third decimal
/// made the RowBinary writer throw and abort the whole run (on every run while the order stayed
/// in the window); a negative id clamped to 0 made different tickets collide on one key; a
/// negative price or quantity passed silently into the revenue.
///
/// An order that fails is skipped whole (half an order would be a wrong order), reported with
/// its id and reason, and the run ends `error` naming it; everything else lands. Nothing is
/// clamped or rounded.
public enum OrderValidation {
    /// Why one order cannot be written.
    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        public var orderID: Int
        public var reason: String

        public var description: String { "order \(orderID): \(reason)" }
    }

    /// Ids are positive in QTickets (auto-increment keys); they are written as `UInt64`.
    static let ids: ClosedRange<Int> = 1...Int.max
    /// `Decimal(18, 2)`: below 10^16, and never negative (a refund is a status, not a sign).
    static let priceLimit = Decimal(sign: .plus, exponent: 16, significand: 1)
    /// `DateTime` covers [1970-01-01, 2106-02-07 06:28:15] UTC.
    static let dateTimeSeconds: ClosedRange<Double> = 0...Double(UInt32.max)

    /// Throws the first reason `order` cannot become ticket rows exactly.
    public static func check(_ order: Order) throws(Rejection) {
        func reject(_ reason: String) -> Rejection { Rejection(orderID: order.id, reason: reason) }
        guard ids.contains(order.id) else { throw reject("order id \(order.id) is not a positive integer") }
        guard ids.contains(order.eventID) else { throw reject("event_id \(order.eventID) is not a positive integer") }
        // Checked on every order of a backfill: no array, no string unless it is rejected.
        if let date = order.payedAt, !dateTimeSeconds.contains(date.timeIntervalSince1970.rounded(.down)) {
            throw reject("payed_at \(date) is outside ClickHouse's DateTime range")
        }
        if let date = order.updatedAt, !dateTimeSeconds.contains(date.timeIntervalSince1970.rounded(.down)) {
            throw reject("updated_at \(date) is outside ClickHouse's DateTime range")
        }
        for basket in order.baskets {
            var ticket: String { "ticket \(basket.id)" }
            guard ids.contains(basket.id) else { throw reject("ticket id \(basket.id) is not a positive integer") }
            guard ids.contains(basket.showID) else { throw reject("\(ticket): show_id \(basket.showID) is not a positive integer") }
            guard basket.quantity >= 0, basket.quantity <= Int(UInt32.max) else {
                throw reject("\(ticket): quantity \(basket.quantity) is negative or too large")
            }
            if let problem = moneyProblem(basket.price) { throw reject("\(ticket): price \(basket.price) \(problem)") }
        }
    }

    /// Why `value` does not fit `Decimal(18, 2)` exactly as a non-negative amount, or nil.
    static func moneyProblem(_ value: Decimal) -> String? {
        // The usual case, decided without `Decimal` arithmetic: the exact scaled integer the
        // writer will store exists (not NaN, at most two decimals, below 10^16) and is not
        // negative. `Decimal`'s comparisons (normalising both sides) made this check three
        // quarters of the transform's CPU in a backfill (`perf`, 100k orders).
        if let cents = try? DecimalScaling.scaledValue(value, precision: 18, scale: 2), cents >= 0 { return nil }
        return comparedMoneyProblem(value)
    }

    /// ``moneyProblem(_:)`` by `Decimal` comparisons: what it says for every value, and the
    /// reason for a value it refuses (`OrderValidationTests` holds the two to the same answer).
    static func comparedMoneyProblem(_ value: Decimal) -> String? {
        if value.isNaN { return "is not a number" }
        if value < 0 { return "is negative" }
        if value >= priceLimit { return "has more than 16 integer digits" }
        // At most two decimals by construction (the usual case: no multiplication, no rounding).
        if value.exponent >= -2 { return nil }
        var scaled = value * 100
        var whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, .down)
        if whole != scaled { return "has more than two decimals" }
        return nil
    }
}
