import Foundation

/// `Order` straight from the bytes: the eleven fields the ingester uses are read, the other
/// forty-odd (personal data, `utm`, `fields`, `client{…}`, …) are skipped without being built.
///
/// Mirrors `Order.init(from:)` field by field (same keys, same defaults, first of duplicated
/// keys wins); any shape it does not handle declines and the row goes to that initializer.
enum FastOrderDecoder: FastRowDecoder {
    private enum Field: String, CaseIterable {
        case id, eventID = "event_id", payed, payedAt = "payed_at", createdAt = "created_at", updatedAt = "updated_at"
        case deletedAt = "deleted_at", price, originalPrice = "original_price", currencyID = "currency_id", baskets
    }

    private static let fields = MemberTable<Field>()

    static func row(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Order {
        var id: Int?
        var eventID: Int?
        var payed = false
        var payedAt, createdAt, updatedAt, deletedAt: Date?
        var price: Decimal?
        var originalPrice: Decimal?
        var currencyID: String?
        var baskets: [Basket] = []
        try c.forEachField(fields, depth: depth) { c, field throws(FastPathDeclined) in
            switch field {
            case .id: id = try c.int()
            case .eventID: eventID = try c.int()
            case .payed: payed = try c.flag(default: false)
            case .payedAt: payedAt = try c.timestampIfPresent()
            case .createdAt: createdAt = try c.timestampIfPresent()
            case .updatedAt: updatedAt = try c.timestampIfPresent()
            case .deletedAt: deletedAt = try c.timestampIfPresent()
            case .price: price = try c.money()
            case .originalPrice: originalPrice = try c.moneyIfPresent()
            case .currencyID: currencyID = try c.stringIfPresent()
            case .baskets: baskets = try self.baskets(&c, depth: depth + 1)
            }
        }
        // Missing required fields: the reference names the missing key in the row's failure.
        guard let id, let eventID, let price else { throw FastPathDeclined() }
        return Order(
            id: id, eventID: eventID, payed: payed, payedAt: payedAt, createdAt: createdAt, updatedAt: updatedAt,
            deletedAt: deletedAt, price: price, originalPrice: originalPrice, currencyID: currencyID, baskets: baskets)
    }

    /// `baskets`: `null` is empty, an array is read basket by basket; the PHP associative-array
    /// form (`{"0": …}`) declines to the reference, which sorts it by key.
    private static func baskets(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> [Basket] {
        if try c.consumeNull() { return [] }
        guard depth < JSONCursor.maxDepth else { throw FastPathDeclined() }
        guard try c.open(UInt8(ascii: "["), close: UInt8(ascii: "]")) else { return [] }
        // One or two tickets, the usual order: an array of exactly that size. Room for four in
        // every order held 0.34 MB of empty capacity in a page of 1,000 orders (1.75 tickets
        // each, 152 bytes a basket), close to half of what a decoded page held while it waited.
        let first = try FastBasketDecoder.basket(&c, depth: depth + 1)
        guard try c.nextMember(close: UInt8(ascii: "]")) else { return [first] }
        let second = try FastBasketDecoder.basket(&c, depth: depth + 1)
        guard try c.nextMember(close: UInt8(ascii: "]")) else { return [first, second] }
        var baskets = [first, second]
        baskets.reserveCapacity(4)
        repeat {
            baskets.append(try FastBasketDecoder.basket(&c, depth: depth + 1))
        } while try c.nextMember(close: UInt8(ascii: "]"))
        return baskets
    }
}
