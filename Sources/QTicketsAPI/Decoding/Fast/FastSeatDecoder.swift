/// `Seat` straight from the bytes (`GET shows/{id}/seats`, flat). Mirrors `Seat.init(from:)`,
/// including the PHP string flags (`"disabled":"0"`).
enum FastSeatDecoder: FastRowDecoder {
    private enum Field: String, CaseIterable {
        case id, rootID = "root_id", zoneID = "zone_id", admission, maxQuantity = "max_quantity"
        case freeQuantity = "free_quantity", payedQuantity = "payed_quantity", inBasketQuantity = "in_basket_quantity", disabled
    }

    private static let fields = MemberTable<Field>()

    static func row(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Seat {
        var id, rootID, zoneID: String?
        var admission = false
        var maxQuantity, freeQuantity, payedQuantity, inBasketQuantity: Int?
        var disabled = false
        try c.forEachField(fields, depth: depth) { c, field throws(FastPathDeclined) in
            switch field {
            case .id: id = try c.stringIfPresent()
            case .rootID: rootID = try c.stringIfPresent()
            case .zoneID: zoneID = try c.stringIfPresent()
            case .admission: admission = try c.flag(default: false)
            case .maxQuantity: maxQuantity = try c.intIfPresent()
            case .freeQuantity: freeQuantity = try c.intIfPresent()
            case .payedQuantity: payedQuantity = try c.intIfPresent()
            case .inBasketQuantity: inBasketQuantity = try c.intIfPresent()
            case .disabled: disabled = try c.flag(default: false)
            }
        }
        guard let id, let maxQuantity, let freeQuantity else { throw FastPathDeclined() }
        return Seat(
            id: id, rootID: rootID ?? id, zoneID: zoneID, admission: admission, maxQuantity: maxQuantity,
            freeQuantity: freeQuantity, payedQuantity: payedQuantity ?? 0, inBasketQuantity: inBasketQuantity ?? 0,
            disabled: disabled)
    }
}
