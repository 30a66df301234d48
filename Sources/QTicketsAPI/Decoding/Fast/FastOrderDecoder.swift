import Foundation

/// `Order` straight from the bytes: the eleven fields the ingester uses are read, the other
/// forty-odd (personal data, `utm`, `fields`, `client{…}`, …) are skipped without being built.
///
/// Mirrors `Order.init(from:)` field by field (same keys, same defaults, first of duplicated
/// keys wins); any shape it does not handle declines and the row goes to that initializer.
enum FastOrderDecoder: FastRowDecoder {
    private enum Field {
        static let id = 0, eventID = 1, payed = 2, payedAt = 3, price = 4, originalPrice = 5, currencyID = 6, baskets = 7
    }

    static func row(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Order {
        var id: Int?
        var eventID: Int?
        var payed = false
        var payedAt: Date?
        var price: Decimal?
        var originalPrice: Decimal?
        var currencyID: String?
        var baskets: [Basket] = []
        var seen = SeenFields()
        var stamps = RowTimestamps()
        try c.forEachMember(depth: depth) { c, name throws(FastPathDeclined) in
            if try stamps.read(name, &c) { return }
            switch name.count {
            case 2 where c.name(name, is: "id") && seen.first(Field.id):
                id = try c.int()
            case 5 where c.name(name, is: "payed") && seen.first(Field.payed):
                payed = try c.flag(default: false)
            case 5 where c.name(name, is: "price") && seen.first(Field.price):
                price = try c.money()
            case 7 where c.name(name, is: "baskets") && seen.first(Field.baskets):
                baskets = try self.baskets(&c, depth: depth + 1)
            case 8 where c.name(name, is: "event_id") && seen.first(Field.eventID):
                eventID = try c.int()
            case 8 where c.name(name, is: "payed_at") && seen.first(Field.payedAt):
                payedAt = try c.timestampIfPresent()
            case 11 where c.name(name, is: "currency_id") && seen.first(Field.currencyID):
                currencyID = try c.stringIfPresent()
            case 14 where c.name(name, is: "original_price") && seen.first(Field.originalPrice):
                originalPrice = try c.moneyIfPresent()
            default:
                try c.skipValue(depth: depth + 1)
            }
        }
        // Missing required fields: the reference names the missing key in the row's failure.
        guard let id, let eventID, let price else { throw FastPathDeclined() }
        return Order(
            id: id, eventID: eventID, payed: payed, payedAt: payedAt, createdAt: stamps.createdAt, updatedAt: stamps.updatedAt,
            deletedAt: stamps.deletedAt, price: price, originalPrice: originalPrice, currencyID: currencyID, baskets: baskets)
    }

    /// `baskets`: `null` is empty, an array is read basket by basket; the PHP associative-array
    /// form (`{"0": …}`) declines to the reference, which sorts it by key.
    private static func baskets(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> [Basket] {
        if try c.consumeNull() { return [] }
        guard depth < JSONCursor.maxDepth else { throw FastPathDeclined() }
        guard try c.open(UInt8(ascii: "["), close: UInt8(ascii: "]")) else { return [] }
        var baskets: [Basket] = []
        baskets.reserveCapacity(4)
        repeat {
            baskets.append(try FastBasketDecoder.basket(&c, depth: depth + 1))
        } while try c.nextMember(close: UInt8(ascii: "]"))
        return baskets
    }
}
