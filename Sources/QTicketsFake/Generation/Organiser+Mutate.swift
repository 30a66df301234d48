import Foundation

extension Organiser {
    /// Moves the organiser forward to `now`, as the real one changes between two ingester runs:
    /// - `newOrders` new orders (ids continue ascending) paid/updated in the last hour up to `now`;
    /// - `refunds` tickets of OLD paid orders get `refunded_at = now`;
    /// - `cancellations` OLD live orders get `deleted_at = now` (and all their tickets);
    /// each change sets the order's `updated_at` to `now`, so a window on `updated_at` sees it.
    /// Seat quantities are recomputed from the orders afterwards. Deterministic for the same
    /// organiser, seed and `now`.
    public mutating func mutate(seed: UInt64, newOrders: Int, refunds: Int, cancellations: Int, now: Date) {
        let nowEpoch = Int(now.timeIntervalSince1970.rounded(.down))
        var generator = OrganiserGenerator(continuing: self, seed: seed ^ 0x5EED_0F_C4A7_6E5, now: nowEpoch)
        var rng = SplitMix64(seed: seed)
        let oldCount = orders.count

        // Refunds: one live, unrefunded ticket of a paid, live order.
        var touched = Set<Int>()
        var attempts = 0
        var done = 0
        while done < refunds, oldCount > 0, attempts < refunds * 50 + 100 {
            attempts += 1
            let i = rng.int(in: 0...(oldCount - 1))
            guard !touched.contains(i), let b = rng.pick(orders[i].refundableBaskets) else { continue }
            orders[i].refund(basket: b, at: nowEpoch)
            touched.insert(i)
            done += 1
        }

        // Cancellations: a whole live order (paid or pending) is cancelled.
        attempts = 0
        done = 0
        while done < cancellations, oldCount > 0, attempts < cancellations * 50 + 100 {
            attempts += 1
            let i = rng.int(in: 0...(oldCount - 1))
            guard !touched.contains(i), orders[i].deletedAt == nil else { continue }
            orders[i].cancel(at: nowEpoch)
            touched.insert(i)
            done += 1
        }

        let window = min(nowEpoch, max(self.nowEpoch, nowEpoch - 3600))...nowEpoch
        appendNewOrders(newOrders, generator: &generator, window: window)
        self.nowEpoch = max(self.nowEpoch, nowEpoch)
        SeatOccupancy.apply(to: &self)
    }

    /// `count` new orders from `generator` (ids above every existing one) in `window`.
    mutating func appendNewOrders(_ count: Int, generator: inout OrganiserGenerator, window: ClosedRange<Int>) {
        guard count > 0 else { return }
        let catalogue = SalesCatalogue(events: events, seats: seats)
        guard !catalogue.events.isEmpty else { return }
        orders.reserveCapacity(orders.count + count)
        for _ in 0..<count { orders.append(generator.makeOrder(catalogue, window: window)) }
    }
}
