/// Renders `GET shows/{id}/seats`: an object keyed by seat id (flat), or grouped by zone
/// when `flat` is not set. Honours `select` loosely (unknown names ignored; `id` always
/// present). Shows whose id is divisible by 5 render `disabled` as the PHP strings
/// `"0"`/`"1"` instead of booleans; an empty seat list renders as `[]` (PHP's empty array).
enum SeatRenderer {
    static func write(_ seats: [FakeSeat], showID: Int, flat: Bool, select: Set<String>?, to out: inout JSONOutput) {
        guard !seats.isEmpty else { return out.raw("[]") }
        let stringFlags = showID % 5 == 0
        out.beginObject()
        if flat {
            for seat in seats {
                out.dynamicKey(seat.id)
                writeSeat(seat, select: select, stringFlags: stringFlags, to: &out)
            }
        } else {
            var zones: [String] = []
            var byZone: [String: [FakeSeat]] = [:]
            for seat in seats {
                if byZone[seat.zoneID] == nil { zones.append(seat.zoneID) }
                byZone[seat.zoneID, default: []].append(seat)
            }
            for zone in zones {
                out.dynamicKey(zone)
                out.beginObject()
                out.key("id")
                out.string(zone)
                out.key("seats")
                out.beginObject()
                for seat in byZone[zone] ?? [] {
                    out.dynamicKey(seat.id)
                    writeSeat(seat, select: select, stringFlags: stringFlags, to: &out)
                }
                out.endObject()
                out.endObject()
            }
        }
        out.endObject()
    }

    private static func writeSeat(_ s: FakeSeat, select: Set<String>?, stringFlags: Bool, to out: inout JSONOutput) {
        func wants(_ name: String) -> Bool { select?.contains(name) ?? true }
        out.beginObject()
        out.key("id")
        out.string(s.id)
        if wants("root_id") {
            out.key("root_id")
            out.string(s.rootID)
        }
        if wants("name") {
            out.key("name")
            out.string(s.name)
        }
        if wants("zone_id") {
            out.key("zone_id")
            out.string(s.zoneID)
        }
        if wants("zone_root_id") {
            out.key("zone_root_id")
            out.string(s.zoneRootID)
        }
        if wants("admission") {
            out.key("admission")
            out.bool(s.admission)
        }
        if wants("row") {
            out.key("row")
            out.string(s.row)
        }
        if wants("place") {
            out.key("place")
            out.string(s.place)
        }
        if wants("max_quantity") {
            out.key("max_quantity")
            out.int(s.maxQuantity)
        }
        if wants("free_quantity") {
            out.key("free_quantity")
            out.int(s.freeQuantity)
        }
        if wants("ordered_quantity") {
            out.key("ordered_quantity")
            out.int(s.inBasketQuantity)
        }
        if wants("available") {
            out.key("available")
            out.bool(!s.disabled && s.freeQuantity > 0)
        }
        if wants("disabled") {
            out.key("disabled")
            if stringFlags { out.string(s.disabled ? "1" : "0") } else { out.bool(s.disabled) }
        }
        if wants("payed_quantity") {
            out.key("payed_quantity")
            out.int(s.payedQuantity)
        }
        if wants("in_basket_quantity") {
            out.key("in_basket_quantity")
            out.int(s.inBasketQuantity)
        }
        if wants("price") {
            out.key("price")
            out.money(kopecks: s.priceKopecks)
        }
        if wants("currency_id") {
            out.key("currency_id")
            out.string("RUB")
        }
        if wants("related_seats") {
            out.key("related_seats")
            out.raw("[]")
        }
        out.endObject()
    }
}
