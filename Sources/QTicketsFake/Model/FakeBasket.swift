/// One ticket of an order. Money is in kopecks (exact); times are Unix epoch seconds.
public struct FakeBasket: Sendable, Hashable, Codable {
    public var id: Int
    public var showID: Int
    /// The physical seat (`root_id` of the seats endpoint) or the admission zone.
    public var seatID: String
    public var seatName: String
    public var originalPriceKopecks: Int
    public var discountKopecks: Int
    /// `original_price − discount_value`: the money the ticket brought in.
    public var priceKopecks: Int { originalPriceKopecks - discountKopecks }
    public var quantity: Int
    public var barcode: String?
    public var createdAt: Int
    public var updatedAt: Int
    public var deletedAt: Int?
    public var refundedAt: Int?
    /// Scanned at the door (`checked_at`): moves `updated_at`, changes no number.
    public var checkedAt: Int?
    /// Personal data: present on purpose so tests can check the ingester drops it.
    public var clientName: String
    public var clientSurname: String
    public var clientEmail: String
    public var clientPhone: String

    public init(
        id: Int, showID: Int, seatID: String, seatName: String, originalPriceKopecks: Int, discountKopecks: Int,
        quantity: Int, barcode: String?, createdAt: Int, updatedAt: Int, deletedAt: Int?, refundedAt: Int?,
        clientName: String, clientSurname: String, clientEmail: String, clientPhone: String, checkedAt: Int? = nil
    ) {
        self.id = id
        self.showID = showID
        self.seatID = seatID
        self.seatName = seatName
        self.originalPriceKopecks = originalPriceKopecks
        self.discountKopecks = discountKopecks
        self.quantity = quantity
        self.barcode = barcode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.refundedAt = refundedAt
        self.clientName = clientName
        self.clientSurname = clientSurname
        self.clientEmail = clientEmail
        self.clientPhone = clientPhone
        self.checkedAt = checkedAt
    }
}
