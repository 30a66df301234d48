import Foundation

/// An order with its tickets inline (`GET orders`, `GET orders/{id}`).
///
/// There is no status field; derive it from `payed`, `deletedAt` and the baskets' own
/// `deletedAt`/`refundedAt`. Personal data (`client*`, `utm`, `fields`) is deliberately not
/// decoded: it must never reach the warehouse.
public struct Order: Sendable, Hashable {
    public var id: Int
    public var eventID: Int
    /// `payed` (sic): the order is paid.
    public var payed: Bool
    public var payedAt: Date?
    public var createdAt: Date?
    public var updatedAt: Date?
    /// Set when the order is cancelled.
    public var deletedAt: Date?
    /// Total after discounts, exact.
    public var price: Decimal
    public var originalPrice: Decimal?
    public var currencyID: String?
    public var baskets: [Basket]

    // FakeOrder's initializer mirrors this one on purpose (QTicketsFake never shares the client's models).
    public init(
        id: Int, eventID: Int, payed: Bool, payedAt: Date? = nil, createdAt: Date? = nil, updatedAt: Date? = nil,
        deletedAt: Date? = nil, price: Decimal, originalPrice: Decimal? = nil, currencyID: String? = "RUB", baskets: [Basket] = []
    ) {
        self.id = id
        self.eventID = eventID
        self.payed = payed
        self.payedAt = payedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.price = price
        self.originalPrice = originalPrice
        self.currencyID = currencyID
        self.baskets = baskets
    }
}
