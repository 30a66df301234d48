import Foundation

/// One ticket of an order (`baskets[]`). Sold when the order is paid and not deleted, and the
/// basket is neither deleted (cancelled ticket) nor refunded.
public struct Basket: Sendable, Hashable {
    public var id: Int
    public var showID: Int
    public var seatID: String?
    /// What the buyer paid for this ticket (original − discount), exact.
    public var price: Decimal
    public var originalPrice: Decimal?
    /// `1` in every sample; read as `1` when absent.
    public var quantity: Int
    public var createdAt: Date?
    public var updatedAt: Date?
    public var deletedAt: Date?
    public var refundedAt: Date?

    public init(
        id: Int, showID: Int, seatID: String? = nil, price: Decimal, originalPrice: Decimal? = nil, quantity: Int = 1,
        createdAt: Date? = nil, updatedAt: Date? = nil, deletedAt: Date? = nil, refundedAt: Date? = nil
    ) {
        self.id = id
        self.showID = showID
        self.seatID = seatID
        self.price = price
        self.originalPrice = originalPrice
        self.quantity = quantity
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.refundedAt = refundedAt
    }
}
