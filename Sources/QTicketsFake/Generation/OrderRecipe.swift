/// How one order is drawn from a random stream: first a fixed-length header (event, kind,
/// times, follow-up changes), then the body (client, tickets). Both the procedural orders of a
/// generated organiser (`ProceduralOrders`, one stream per order index) and the orders added
/// later (`OrganiserGenerator`, one sequential stream) use it, so they share every case an
/// ingester must handle.
///
/// The header comes first and never depends on the body, so the times of an order can be
/// drawn alone (`OrderRecipe.times`): that is what lets the fake filter millions of orders by
/// `updated_at` without building them.
struct OrderRecipe: Sendable {
    enum Kind: Equatable { case paid, pending, cancelled(wasPaid: Bool) }

    /// The header: everything a filter on a time column needs.
    struct Times {
        var eventIndex: Int
        var kind: Kind
        var created: Int
        /// When the order was placed (paid or cancelled at, for those kinds).
        var placed: Int
        var payedAt: Int?
        var deletedAt: Int?
        var updatedAt: Int
        var tickets: Int
        var discountMode: Int
        /// A single ticket cancelled later (index, time).
        var cancelledTicket: (index: Int, at: Int)?
        /// A single ticket refunded later (index, time).
        var refundedTicket: (index: Int, at: Int)?
    }

    /// Changes after payment (a refund, a single cancelled ticket) happen within this horizon,
    /// so that every time of an order lies near its placing time (`ProceduralOrders` relies
    /// on it to find orders by time without reading them all).
    static let followUpHorizon = 14 * 86_400
    /// How far a payment may be moved to the nearest Moscow midnight (±12 h and ±10 min).
    static let midnightShift = 43_200 + 600
    /// The longest an order waits between creation and payment, plus a basket's head start.
    static let creationLead = 1_500 + 120

    let catalogue: SalesCatalogue
    let maxTickets: Int

    /// The header, drawn from `rng` (always the same number of draws): placed in `slot`,
    /// clamped to `window`; about 8% are moved within ten minutes of Moscow midnight.
    func times(_ rng: inout SplitMix64, slot: ClosedRange<Int>, window: ClosedRange<Int>) -> Times {
        let eventIndex = rng.int(in: 0...(catalogue.events.count - 1))
        let kindRoll = rng.int(in: 0...99)
        let wasPaidRoll = rng.int(in: 0...99)
        let nearMidnight = rng.chance(0.08)
        let midnightOffset = rng.int(in: -600...600)
        var t = rng.int(in: slot)
        if nearMidnight {
            // Moscow midnight is 21:00 UTC; the nearest one to `t`.
            let midnight = FakeTimestamp.floorDiv(t - 75_600 + 43_200, 86_400) * 86_400 + 75_600
            t = midnight + midnightOffset
        }
        t = min(window.upperBound, max(window.lowerBound, t))
        let created = t - rng.int(in: 15...1_500)
        let ticketRoll = rng.int(in: 0...99)
        let ticketAlt = rng.int(in: 1...maxTickets)
        let tickets = ticketRoll < 55 ? 1 : ticketRoll < 80 ? min(2, maxTickets) : ticketAlt
        let discountMode = rng.int(in: 0...99)  // <8: 10% off, <12: 100 roubles off
        let followUpEnd = min(window.upperBound, t + Self.followUpHorizon)
        let cancelChance = rng.chance(0.06)
        let cancelAt = later(&rng, than: t, upper: followUpEnd)
        let cancelIndex = rng.int(in: 0...(tickets - 1))
        let refundChance = rng.chance(0.05)
        let refundAt = later(&rng, than: t, upper: followUpEnd)
        let refundIndex = rng.int(in: 0...(tickets - 1))
        let payDelay = rng.int(in: 10...300)

        let kind: Kind
        if catalogue.events[eventIndex].isDeleted {
            kind = .cancelled(wasPaid: wasPaidRoll < 50)
        } else {
            kind = kindRoll < 72 ? .paid : kindRoll < 81 ? .pending : .cancelled(wasPaid: wasPaidRoll < 40)
        }
        var times = Times(
            eventIndex: eventIndex, kind: kind, created: created, placed: t, payedAt: nil, deletedAt: nil, updatedAt: t,
            tickets: tickets, discountMode: discountMode)
        switch kind {
        case .paid:
            times.payedAt = t
            if tickets >= 2, cancelChance {
                times.cancelledTicket = (cancelIndex, cancelAt)
                times.updatedAt = max(times.updatedAt, cancelAt)
            }
            if refundChance, times.cancelledTicket?.index != refundIndex {
                times.refundedTicket = (refundIndex, refundAt)
                times.updatedAt = max(times.updatedAt, refundAt)
            }
        case .pending:
            break
        case .cancelled(let wasPaid):
            if wasPaid { times.payedAt = min(t, created + payDelay) }
            times.deletedAt = t
        }
        return times
    }

    /// The whole order: `times` (drawn from `rng` just before) and the body drawn after it.
    func order(_ times: Times, _ rng: inout SplitMix64, id: Int, firstBasketID: Int, clientID: Int) -> FakeOrder {
        let entry = catalogue.events[times.eventIndex]
        var order = FakeOrder(
            id: id, uniqid: Self.uniqid(&rng), eventID: entry.event.id, payed: false, payedAt: nil, createdAt: times.created,
            updatedAt: times.updatedAt, deletedAt: times.deletedAt, clientID: clientID,
            clientName: rng.pick(FakeNames.firstNames) ?? "Иван", clientSurname: rng.pick(FakeNames.surnames) ?? "Петров",
            clientEmail: "client\(clientID)@example.test", clientPhone: "+7900\(1_000_000 + rng.int(in: 0...8_999_999))",
            quirks: UInt8(truncatingIfNeeded: rng.next()), baskets: [])
        order.payedAt = times.payedAt
        order.payed = times.payedAt != nil
        let shows = entry.liveShows.isEmpty ? entry.allShows : entry.liveShows
        let mainShow = shows[rng.int(in: 0...(shows.count - 1))]
        order.baskets.reserveCapacity(times.tickets)
        for k in 0..<times.tickets {
            let show = rng.chance(0.85) ? mainShow : shows[rng.int(in: 0...(shows.count - 1))]
            var basket = makeBasket(&rng, id: firstBasketID + k, show: show, order: order, discountMode: times.discountMode)
            basket.updatedAt = times.placed
            if times.kind == .paid { basket.barcode = Self.barcode(basket.id) }
            if times.deletedAt != nil { basket.deletedAt = times.deletedAt }
            order.baskets.append(basket)
        }
        if let cancelled = times.cancelledTicket {
            order.baskets[cancelled.index].deletedAt = cancelled.at
            order.baskets[cancelled.index].barcode = nil
            order.baskets[cancelled.index].updatedAt = cancelled.at
        }
        if let refunded = times.refundedTicket {
            order.baskets[refunded.index].refundedAt = refunded.at
            order.baskets[refunded.index].updatedAt = refunded.at
        }
        return order
    }

    /// A moment in `t...upper` for follow-up changes (always exactly one draw).
    private func later(_ rng: inout SplitMix64, than t: Int, upper: Int) -> Int {
        guard upper > t else {
            _ = rng.next()
            return t
        }
        return rng.int(in: (t + min(60, upper - t))...upper)
    }

    private func makeBasket(
        _ rng: inout SplitMix64, id: Int, show: SalesCatalogue.ShowEntry, order: FakeOrder, discountMode: Int
    ) -> FakeBasket {
        var seatID = "GENERAL-1;1"
        var seatName = "Входной билет"
        var quantity = 1
        if let admission = show.admission, show.reserved.isEmpty || rng.chance(0.4) {
            seatID = admission
            seatName = "Танцпол"
            if rng.chance(0.03) { quantity = 2 }
        } else if let seat = rng.pick(show.reserved) {
            seatID = seat.0
            seatName = seat.1
        }
        let original = (rng.pick(show.show.pricesKopecks) ?? 100_000) * quantity
        var discount = 0
        if discountMode < 8 {
            discount = original / 10
        } else if discountMode < 12 {
            discount = min(original, 10_000)
        }
        return FakeBasket(
            id: id, showID: show.show.id, seatID: seatID, seatName: seatName,
            originalPriceKopecks: original, discountKopecks: discount, quantity: quantity, barcode: nil,
            createdAt: order.createdAt - rng.int(in: 0...120), updatedAt: order.updatedAt, deletedAt: nil,
            refundedAt: nil, clientName: order.clientName, clientSurname: order.clientSurname,
            clientEmail: order.clientEmail, clientPhone: order.clientPhone)
    }

    private static func uniqid(_ rng: inout SplitMix64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        for _ in 0..<10 { bytes.append(FakeNames.uniqidAlphabet[rng.int(in: 0...(FakeNames.uniqidAlphabet.count - 1))]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func barcode(_ basketID: Int) -> String {
        String(100_000_000_000 + (basketID &* 7_919) % 900_000_000_000)
    }
}
