import Foundation

/// `Basket` (one ticket) straight from the bytes: ten fields read, the thirty-odd others
/// (personal data, URLs, barcodes, …) skipped. Mirrors `Basket.init(from:)`.
enum FastBasketDecoder {
    private enum Field {
        static let id = 0, showID = 1, seatID = 2, price = 3, originalPrice = 4, quantity = 5, refundedAt = 6
    }

    static func basket(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Basket {
        var id: Int?
        var showID: Int?
        var seatID: String?
        var price: Decimal?
        var originalPrice: Decimal?
        var quantity: Int?
        var refundedAt: Date?
        var seen = SeenFields()
        var stamps = RowTimestamps()
        try c.forEachMember(depth: depth) { c, name throws(FastPathDeclined) in
            if try stamps.read(name, &c) { return }
            switch name.count {
            case 2 where c.name(name, is: "id") && seen.first(Field.id):
                id = try c.int()
            case 5 where c.name(name, is: "price") && seen.first(Field.price):
                price = try c.money()
            case 7 where c.name(name, is: "show_id") && seen.first(Field.showID):
                showID = try c.int()
            case 7 where c.name(name, is: "seat_id") && seen.first(Field.seatID):
                seatID = try c.stringIfPresent()
            case 8 where c.name(name, is: "quantity") && seen.first(Field.quantity):
                quantity = try c.intIfPresent()
            case 11 where c.name(name, is: "refunded_at") && seen.first(Field.refundedAt):
                refundedAt = try c.timestampIfPresent()
            case 14 where c.name(name, is: "original_price") && seen.first(Field.originalPrice):
                originalPrice = try c.moneyIfPresent()
            default:
                try c.skipValue(depth: depth + 1)
            }
        }
        guard let id, let showID, let price else { throw FastPathDeclined() }
        return Basket(
            id: id, showID: showID, seatID: seatID, price: price, originalPrice: originalPrice, quantity: quantity ?? 1,
            createdAt: stamps.createdAt, updatedAt: stamps.updatedAt, deletedAt: stamps.deletedAt, refundedAt: refundedAt)
    }
}
