/// Renders `GET shows/{id}/seats`: an object keyed by seat id (flat), or grouped by zone
/// when `flat` is not set. Honours `select` loosely (unknown names ignored; `id` always
/// present). Shows whose id is divisible by 5 render `disabled` as the PHP strings
/// `"0"`/`"1"` instead of booleans; an empty seat list renders as `[]` (PHP's empty array).
enum SeatRenderer {
    static func write(_ seats: [FakeSeat], showID: Int, flat: Bool, select: Set<String>?, to out: inout JSONOutput) {
        guard !seats.isEmpty else { return out.raw("[]") }
        let stringFlags = showID % 5 == 0
        /// `{seat id: seat, …}`
        func writeMap(_ seats: [FakeSeat], to out: inout JSONOutput) {
            out.object { out in
                for seat in seats {
                    out.dynamicKey(seat.id)
                    writeSeat(seat, select: select, stringFlags: stringFlags, to: &out)
                }
            }
        }
        guard !flat else { return writeMap(seats, to: &out) }
        var zones: [String] = []
        var byZone: [String: [FakeSeat]] = [:]
        for seat in seats {
            if byZone[seat.zoneID] == nil { zones.append(seat.zoneID) }
            byZone[seat.zoneID, default: []].append(seat)
        }
        out.object { out in
            for zone in zones {
                out.dynamicKey(zone)
                out.object { out in
                    out.member("id", zone)
                    out.key("seats")
                    writeMap(byZone[zone] ?? [], to: &out)
                }
            }
        }
    }

    private static func writeSeat(_ s: FakeSeat, select: Set<String>?, stringFlags: Bool, to out: inout JSONOutput) {
        out.object { out in
            out.member("id", s.id)
            for member in members where select?.contains(member.name) ?? true {
                out.key(member.name)
                member.write(s, stringFlags, &out)
            }
        }
    }

    /// The members after `id`, in the API's order, each with its value (given the seat and
    /// whether flags are PHP strings): `select` picks among them by name.
    private static let members: [(name: String, write: @Sendable (FakeSeat, Bool, inout JSONOutput) -> Void)] = [
        ("root_id", { s, _, out in out.string(s.rootID) }),
        ("name", { s, _, out in out.string(s.name) }),
        ("zone_id", { s, _, out in out.string(s.zoneID) }),
        ("zone_root_id", { s, _, out in out.string(s.zoneRootID) }),
        ("admission", { s, _, out in out.bool(s.admission) }),
        ("row", { s, _, out in out.string(s.row) }),
        ("place", { s, _, out in out.string(s.place) }),
        ("max_quantity", { s, _, out in out.int(s.maxQuantity) }),
        ("free_quantity", { s, _, out in out.int(s.freeQuantity) }),
        ("ordered_quantity", { s, _, out in out.int(s.inBasketQuantity) }),
        ("available", { s, _, out in out.bool(!s.disabled && s.freeQuantity > 0) }),
        ("disabled", { s, stringFlags, out in if stringFlags { out.string(s.disabled ? "1" : "0") } else { out.bool(s.disabled) } }),
        ("payed_quantity", { s, _, out in out.int(s.payedQuantity) }),
        ("in_basket_quantity", { s, _, out in out.int(s.inBasketQuantity) }),
        ("price", { s, _, out in out.money(kopecks: s.priceKopecks) }),
        ("currency_id", { _, _, out in out.string("RUB") }),
        ("related_seats", { _, _, out in out.raw("[]") }),
    ]
}
