/// One entry of `GET shows/{id}/seats`. With tariffs, a physical seat appears once per tariff:
/// same `rootID`, different `id`, and the same quantities (it is one seat).
public struct FakeSeat: Sendable, Hashable, Codable {
    public var id: String
    public var rootID: String
    public var zoneID: String
    public var zoneRootID: String
    public var name: String
    public var row: String
    public var place: String
    public var admission: Bool
    public var disabled: Bool
    public var maxQuantity: Int
    public var freeQuantity: Int
    public var payedQuantity: Int
    public var inBasketQuantity: Int
    public var priceKopecks: Int

    public init(
        id: String, rootID: String, zoneID: String, zoneRootID: String, name: String, row: String, place: String,
        admission: Bool, disabled: Bool, maxQuantity: Int, freeQuantity: Int, payedQuantity: Int,
        inBasketQuantity: Int, priceKopecks: Int
    ) {
        self.id = id
        self.rootID = rootID
        self.zoneID = zoneID
        self.zoneRootID = zoneRootID
        self.name = name
        self.row = row
        self.place = place
        self.admission = admission
        self.disabled = disabled
        self.maxQuantity = maxQuantity
        self.freeQuantity = freeQuantity
        self.payedQuantity = payedQuantity
        self.inBasketQuantity = inBasketQuantity
        self.priceKopecks = priceKopecks
    }
}
