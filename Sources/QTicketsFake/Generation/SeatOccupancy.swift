/// Derives every seat's paid / in-basket / free quantities from the orders, so that the
/// seats endpoint is consistent with sales (and changes when orders are mutated).
///
/// Sold tickets occupy their seat (`payed_quantity`), tickets of pending orders hold it
/// (`in_basket_quantity`); `free_quantity` is what is left. All tariff entries of one physical
/// seat (same `root_id`) carry the same numbers, as they are one seat.
enum SeatOccupancy {
    static func apply(to organiser: inout Organiser) {
        var sold: [Int: [String: Int]] = [:]
        var held: [Int: [String: Int]] = [:]
        for order in organiser.orders {
            let pending = !order.payed && order.deletedAt == nil
            for basket in order.baskets {
                if order.isSold(basket) {
                    sold[basket.showID, default: [:]][basket.seatID, default: 0] += basket.quantity
                } else if pending, basket.deletedAt == nil {
                    held[basket.showID, default: [:]][basket.seatID, default: 0] += basket.quantity
                }
            }
        }
        for (showID, seats) in organiser.seats {
            let soldHere = sold[showID] ?? [:]
            let heldHere = held[showID] ?? [:]
            var updated = seats
            for i in updated.indices {
                let max = updated[i].maxQuantity
                let s = soldHere[updated[i].rootID] ?? 0
                let h = heldHere[updated[i].rootID] ?? 0
                let payed = min(max, s)
                let inBasket = min(max - payed, h)
                updated[i].payedQuantity = payed
                updated[i].inBasketQuantity = inBasket
                updated[i].freeQuantity = max - payed - inBasket
            }
            organiser.seats[showID] = updated
        }
    }
}
