/// One row of `GET shows/{id}/seats` (`flat: true`): a seat, or a general-admission zone whose
/// quantities are counts. With price tariffs one physical seat appears once per tariff: same
/// `rootID`, different `id` — count each `rootID` once.
public struct Seat: Sendable, Hashable {
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
}
