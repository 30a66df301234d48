import Foundation

/// An order with its tickets inline (`GET orders`, `GET orders/{id}`).
///
/// There is no status field; derive it from `payed`, `deletedAt` and the baskets' own
/// `deletedAt`/`refundedAt`. Personal data (`client*`, `utm`, `fields`) is deliberately not
/// decoded: it must never reach the warehouse.
public struct Order: Sendable, Hashable, Decodable {
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

    enum CodingKeys: String, CodingKey {
        case id, payed, price, baskets
        case eventID = "event_id"
        case payedAt = "payed_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case originalPrice = "original_price"
        case currencyID = "currency_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try c.lenientInt(.id)
        self.eventID = try c.lenientInt(.eventID)
        self.payed = try c.lenientFlag(.payed)
        self.payedAt = try c.timestampIfPresent(.payedAt)
        self.createdAt = try c.timestampIfPresent(.createdAt)
        self.updatedAt = try c.timestampIfPresent(.updatedAt)
        self.deletedAt = try c.timestampIfPresent(.deletedAt)
        self.price = try c.money(.price)
        self.originalPrice = try c.moneyIfPresent(.originalPrice)
        self.currencyID = try c.lenientStringIfPresent(.currencyID)
        self.baskets = try c.list(Basket.self, .baskets)
    }
}
