/// One row of `GET shows/{id}/seats` (`flat: true`): a seat, or a general-admission zone whose
/// quantities are counts. With price tariffs one physical seat appears once per tariff: same
/// `rootID`, different `id` — count each `rootID` once.
public struct Seat: Sendable, Hashable, Decodable {
    public var id: String
    /// The physical seat; equals `id` when the API omits `root_id`.
    public var rootID: String
    public var zoneID: String?
    public var admission: Bool
    public var maxQuantity: Int
    public var freeQuantity: Int
    public var payedQuantity: Int
    public var inBasketQuantity: Int
    public var disabled: Bool

    public init(
        id: String, rootID: String? = nil, zoneID: String? = nil, admission: Bool = false, maxQuantity: Int, freeQuantity: Int,
        payedQuantity: Int = 0, inBasketQuantity: Int = 0, disabled: Bool = false
    ) {
        self.id = id
        self.rootID = rootID ?? id
        self.zoneID = zoneID
        self.admission = admission
        self.maxQuantity = maxQuantity
        self.freeQuantity = freeQuantity
        self.payedQuantity = payedQuantity
        self.inBasketQuantity = inBasketQuantity
        self.disabled = disabled
    }

    enum CodingKeys: String, CodingKey {
        case id, admission, disabled
        case rootID = "root_id"
        case zoneID = "zone_id"
        case maxQuantity = "max_quantity"
        case freeQuantity = "free_quantity"
        case payedQuantity = "payed_quantity"
        case inBasketQuantity = "in_basket_quantity"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try c.lenientStringIfPresent(.id) else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: c.codingPath, debugDescription: "seat without id"))
        }
        self.id = id
        self.rootID = try c.lenientStringIfPresent(.rootID) ?? id
        self.zoneID = try c.lenientStringIfPresent(.zoneID)
        self.admission = try c.lenientFlag(.admission)
        self.maxQuantity = try c.lenientInt(.maxQuantity)
        self.freeQuantity = try c.lenientInt(.freeQuantity)
        self.payedQuantity = try c.lenientIntIfPresent(.payedQuantity) ?? 0
        self.inBasketQuantity = try c.lenientIntIfPresent(.inBasketQuantity) ?? 0
        self.disabled = try c.lenientFlag(.disabled)
    }
}
