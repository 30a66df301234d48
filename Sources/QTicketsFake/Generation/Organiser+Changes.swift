/// Single, named changes for tests: what an organiser does in the back office between two
/// ingester runs. Deterministic (no randomness); each stamps `updated_at = t`, moves the
/// organiser's `now` to at least `t` (the truth's "now" decides which shows have finished) and
/// recomputes seat occupancy from the orders.
extension Organiser {
    /// The show is deleted (`deleted_at = t`); it leaves the live inventory.
    public mutating func deleteShow(id: Int, at t: Int) throws(OrganiserChangeError) {
        try changeShow(id: id, at: t) { $0.deletedAt = t }
    }

    /// The event is deleted (`deleted_at = t`); its shows leave the live inventory.
    public mutating func deleteEvent(id: Int, at t: Int) throws(OrganiserChangeError) {
        try changeEvent(id: id, at: t) { $0.deletedAt = t }
    }

    /// The event is deactivated (`is_active = 0`); its shows leave the live inventory.
    public mutating func deactivateEvent(id: Int, at t: Int) throws(OrganiserChangeError) {
        try changeEvent(id: id, at: t) { $0.isActive = false }
    }

    /// The show ends at `t` (`finish_date = t`, sales close then too).
    public mutating func endShow(id: Int, at t: Int) throws(OrganiserChangeError) {
        try changeShow(id: id, at: t) { show in
            show.finishDate = t
            show.startDate = min(show.startDate, t)
            show.saleFinishDate = min(show.saleFinishDate, t)
        }
    }

    /// The order's payment time changes to `payedAt` (its tickets move to that day), or is
    /// cleared with `nil` (the order is unpaid again: pending, barcodes gone).
    public mutating func changePayedAt(orderID: Int, to payedAt: Int?, at t: Int) throws(OrganiserChangeError) {
        try modifyOrder(id: orderID, at: t) { order in
            order.payedAt = payedAt
            order.payed = payedAt != nil
            if payedAt == nil {
                for b in order.baskets.indices { order.baskets[b].barcode = nil }
            }
        }
    }

    /// Applies `change` to the order and sets its `updated_at` to exactly `t`: two
    /// modifications in the same second both carry `t`, as on the real API.
    public mutating func modifyOrder(id: Int, at t: Int, _ change: (inout FakeOrder) -> Void) throws(OrganiserChangeError) {
        let i = orders.partitioningIndex { $0.id >= id }
        guard i < orders.count, orders[i].id == id else { throw .unknownOrder(id) }
        change(&orders[i])
        orders[i].updatedAt = t
        finishChange(at: t)
    }

    private mutating func changeEvent(id: Int, at t: Int, _ change: (inout FakeEvent) -> Void) throws(OrganiserChangeError) {
        guard let e = events.firstIndex(where: { $0.id == id }) else { throw .unknownEvent(id) }
        change(&events[e])
        events[e].updatedAt = t
        finishChange(at: t)
    }

    private mutating func changeShow(id: Int, at t: Int, _ change: (inout FakeShow) -> Void) throws(OrganiserChangeError) {
        for e in events.indices {
            guard let s = events[e].shows.firstIndex(where: { $0.id == id }) else { continue }
            change(&events[e].shows[s])
            events[e].shows[s].updatedAt = t
            events[e].updatedAt = max(events[e].updatedAt, t)
            return finishChange(at: t)
        }
        throw .unknownShow(id)
    }

    private mutating func finishChange(at t: Int) {
        nowEpoch = max(nowEpoch, t)
        SeatOccupancy.apply(to: &self)
    }
}
