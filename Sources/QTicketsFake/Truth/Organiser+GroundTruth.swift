import Foundation

extension Organiser {
    /// The expected warehouse content, by the contract's rules:
    /// - sold ticket: order `payed`, order `deleted_at` null, basket `deleted_at` null,
    ///   basket `refunded_at` null; tickets = Σ quantity, revenue = Σ basket price;
    /// - sales date: `payed_at` in `timeZone`; city: the event's `city.name`;
    /// - inventory: the live, upcoming shows only (DESIGN.md): show not deleted, event not
    ///   deleted and active, `finish_date > now`; distinct `root_id`, disabled seats left out;
    /// - `excludingOrders`: orders left out of the sales (the bad records an ingester must skip).
    public func groundTruth(
        timeZone: TimeZone = TimeZone(identifier: "Europe/Moscow") ?? .current, excludingOrders excluded: Set<Int> = []
    ) -> GroundTruth {
        var eventsByID: [Int: FakeEvent] = [:]
        for event in events { eventsByID[event.id] = event }

        var kopecks: [GroundTruth.SalesKey: (tickets: Int, kopecks: Int, latest: Int)] = [:]
        var dateCache: [Int: String] = [:]  // by local day number
        for order in orders {
            guard order.payed, order.deletedAt == nil, let payedAt = order.payedAt,
                let event = eventsByID[order.eventID], !excluded.contains(order.id)
            else { continue }
            let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(payedAt)))
            let day = FakeTimestamp.floorDiv(payedAt + offset, 86_400)
            let date: String
            if let cached = dateCache[day] {
                date = cached
            } else {
                date = FakeTimestamp.dateString(payedAt, offsetSeconds: offset)
                dateCache[day] = date
            }
            for basket in order.baskets where basket.deletedAt == nil && basket.refundedAt == nil {
                let key = GroundTruth.SalesKey(date: date, eventID: order.eventID, showID: basket.showID, city: event.city.name)
                var value = kopecks[key] ?? (0, 0, 0)
                value.tickets += basket.quantity
                value.kopecks += basket.priceKopecks
                value.latest = max(value.latest, payedAt)
                kopecks[key] = value
            }
        }
        var sales: [GroundTruth.SalesKey: GroundTruth.SalesValue] = [:]
        for (key, value) in kopecks where value.tickets > 0 {
            sales[key] = GroundTruth.SalesValue(
                ticketsSold: value.tickets, revenue: Decimal(value.kopecks) / 100, latestPaymentEpoch: value.latest)
        }

        var inventory: [Int: GroundTruth.InventoryValue] = [:]
        var finished: [Int: GroundTruth.InventoryValue] = [:]
        for event in events where event.deletedAt == nil && event.isActive {
            for show in event.shows where show.deletedAt == nil {
                var seen = Set<String>()
                var total = 0
                var left = 0
                for seat in seats[show.id] ?? [] where !seat.disabled && seen.insert(seat.rootID).inserted {
                    total += seat.maxQuantity
                    left += seat.freeQuantity
                }
                let value = GroundTruth.InventoryValue(
                    eventID: event.id, eventName: event.name, city: event.city.name, ticketsTotal: total, ticketsLeft: left)
                if show.finishDate > nowEpoch { inventory[show.id] = value } else { finished[show.id] = value }
            }
        }
        return GroundTruth(
            timeZone: timeZone.identifier, nowEpoch: nowEpoch, sales: sales, inventory: inventory,
            finishedInventory: finished)
    }
}
