/// `Seat` straight from the bytes (`GET shows/{id}/seats`, flat). Mirrors `Seat.init(from:)`,
/// including the PHP string flags (`"disabled":"0"`).
enum FastSeatDecoder: FastRowDecoder {
    private enum Field {
        static let id = 0, rootID = 1, zoneID = 2, admission = 3, maxQuantity = 4, freeQuantity = 5
        static let payedQuantity = 6, inBasketQuantity = 7, disabled = 8
    }

    static func row(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Seat {
        var id: String?
        var rootID: String?
        var zoneID: String?
        var admission = false
        var maxQuantity: Int?
        var freeQuantity: Int?
        var payedQuantity: Int?
        var inBasketQuantity: Int?
        var disabled = false
        var seen = SeenFields()
        try c.forEachMember(depth: depth) { c, name throws(FastPathDeclined) in
            switch name.count {
            case 2 where c.name(name, is: "id") && seen.first(Field.id):
                id = try c.stringIfPresent()
            case 7 where c.name(name, is: "root_id") && seen.first(Field.rootID):
                rootID = try c.stringIfPresent()
            case 7 where c.name(name, is: "zone_id") && seen.first(Field.zoneID):
                zoneID = try c.stringIfPresent()
            case 8 where c.name(name, is: "disabled") && seen.first(Field.disabled):
                disabled = try c.flag(default: false)
            case 9 where c.name(name, is: "admission") && seen.first(Field.admission):
                admission = try c.flag(default: false)
            case 12 where c.name(name, is: "max_quantity") && seen.first(Field.maxQuantity):
                maxQuantity = try c.intIfPresent()
            case 13 where c.name(name, is: "free_quantity") && seen.first(Field.freeQuantity):
                freeQuantity = try c.intIfPresent()
            case 14 where c.name(name, is: "payed_quantity") && seen.first(Field.payedQuantity):
                payedQuantity = try c.intIfPresent()
            case 18 where c.name(name, is: "in_basket_quantity") && seen.first(Field.inBasketQuantity):
                inBasketQuantity = try c.intIfPresent()
            default:
                try c.skipValue(depth: depth + 1)
            }
        }
        guard let id, let maxQuantity, let freeQuantity else { throw FastPathDeclined() }
        return Seat(
            id: id, rootID: rootID ?? id, zoneID: zoneID, admission: admission, maxQuantity: maxQuantity,
            freeQuantity: freeQuantity, payedQuantity: payedQuantity ?? 0, inBasketQuantity: inBasketQuantity ?? 0,
            disabled: disabled)
    }
}
