import Foundation

/// `Basket` (one ticket) straight from the bytes: ten fields read, the thirty-odd others
/// (personal data, URLs, barcodes, …) skipped. Mirrors `Basket.init(from:)`.
enum FastBasketDecoder {
    private enum Field: String, CaseIterable {
        case id, showID = "show_id", seatID = "seat_id", price, originalPrice = "original_price", quantity
        case createdAt = "created_at", updatedAt = "updated_at", deletedAt = "deleted_at", refundedAt = "refunded_at"
    }

    private static let fields = MemberTable<Field>()

    static func basket(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Basket {
        var id: Int?
        var showID: Int?
        var seatID: String?
        var price: Decimal?
        var originalPrice: Decimal?
        var quantity: Int?
        var createdAt, updatedAt, deletedAt, refundedAt: Date?
        try c.forEachField(fields, depth: depth) { c, field throws(FastPathDeclined) in
            switch field {
            case .id: id = try c.int()
            case .showID: showID = try c.int()
            case .seatID: seatID = try c.stringIfPresent()
            case .price: price = try c.money()
            case .originalPrice: originalPrice = try c.moneyIfPresent()
            case .quantity: quantity = try c.intIfPresent()
            case .createdAt: createdAt = try c.timestampIfPresent()
            case .updatedAt: updatedAt = try c.timestampIfPresent()
            case .deletedAt: deletedAt = try c.timestampIfPresent()
            case .refundedAt: refundedAt = try c.timestampIfPresent()
            }
        }
        guard let id, let showID, let price else { throw FastPathDeclined() }
        return Basket(
            id: id, showID: showID, seatID: seatID, price: price, originalPrice: originalPrice, quantity: quantity ?? 1,
            createdAt: createdAt, updatedAt: updatedAt, deletedAt: deletedAt, refundedAt: refundedAt)
    }
}
