/// One order with its tickets. There is no status field on purpose (the API has none):
/// paid = `payed`, cancelled = `deletedAt != nil`, pending = neither.
public struct FakeOrder: Sendable, Hashable, Codable {
    public var id: Int
    public var uniqid: String
    public var eventID: Int
    public var payed: Bool
    public var payedAt: Int?
    public var createdAt: Int
    public var updatedAt: Int
    public var deletedAt: Int?
    public var clientID: Int
    public var clientName: String
    public var clientSurname: String
    public var clientEmail: String
    public var clientPhone: String
    /// Index into a few PHP-shaped variants (`utm: []` vs an object, `reserved: 0` vs `false`, ...).
    public var quirks: UInt8
    public var baskets: [FakeBasket]

    /// Total after discounts of the tickets that are still live, as the API reports `price`.
    public var priceKopecks: Int {
        baskets.reduce(0) { $0 + ($1.deletedAt == nil ? $1.priceKopecks : 0) }
    }

    public var originalPriceKopecks: Int {
        baskets.reduce(0) { $0 + ($1.deletedAt == nil ? $1.originalPriceKopecks : 0) }
    }

    /// True when the ticket counts as sold under the contract in DESIGN.md.
    public func isSold(_ basket: FakeBasket) -> Bool {
        payed && deletedAt == nil && basket.deletedAt == nil && basket.refundedAt == nil
    }

    // Mirrors Order's initializer in QTicketsAPI on purpose: the fake never shares the client's models.
    public init(
        id: Int, uniqid: String, eventID: Int, payed: Bool, payedAt: Int?, createdAt: Int, updatedAt: Int,
        deletedAt: Int?, clientID: Int, clientName: String, clientSurname: String, clientEmail: String,
        clientPhone: String, quirks: UInt8, baskets: [FakeBasket]
    ) {
        self.id = id
        self.uniqid = uniqid
        self.eventID = eventID
        self.payed = payed
        self.payedAt = payedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.clientID = clientID
        self.clientName = clientName
        self.clientSurname = clientSurname
        self.clientEmail = clientEmail
        self.clientPhone = clientPhone
        self.quirks = quirks
        self.baskets = baskets
    }
}
