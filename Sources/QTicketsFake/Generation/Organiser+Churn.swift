extension Organiser {
    /// One churn round (see `FaultPlan.Churn`): `plan.ordersPerRound` changes stamped `now`,
    /// existing orders picked alternately at or below `pivotID` (the last id a client was
    /// served) and above it. Returns how many orders each change touched (a change finds no
    /// candidate in a tiny organiser: it is then skipped). Deterministic for the same
    /// organiser, plan, round, pivot and `now`.
    public mutating func churn(_ plan: FaultPlan.Churn, round: Int, pivotID: Int?, now: Int) -> [FaultPlan.Churn.Change: Int] {
        var rng = SplitMix64(seed: plan.seed &+ UInt64(truncatingIfNeeded: round) &* 0x9E37_79B9_7F4A_7C15)
        let pivot = pivotID.map { id in orders.partitioningIndex { $0.id > id } } ?? orders.count / 2
        var counts: [FaultPlan.Churn.Change: Int] = [:]
        var touched = Set<Int>()
        var newOrders = 0
        for i in 0..<plan.ordersPerRound {
            let change = plan.changes[(round &* plan.ordersPerRound &+ i) % plan.changes.count]
            if change == .newOrder {
                newOrders += 1
                continue
            }
            let below = 0..<pivot
            let above = pivot..<orders.count
            let side = i % 2 == 0 ? (below.isEmpty ? above : below) : (above.isEmpty ? below : above)
            guard let index = pick(in: side, avoiding: touched, rng: &rng, where: { change.applies(to: $0) }) else { continue }
            switch change {
            case .scan: orders[index].scan(at: now)
            case .refund:
                guard let b = rng.pick(orders[index].refundableBaskets) else { continue }
                orders[index].refund(basket: b, at: now)
            case .cancellation: orders[index].cancel(at: now)
            case .newOrder: continue
            }
            touched.insert(index)
            counts[change, default: 0] += 1
        }
        if newOrders > 0 {
            var generator = OrganiserGenerator(continuing: self, seed: rng.next(), now: now)
            let before = orders.count
            appendNewOrders(newOrders, generator: &generator, window: now...now)
            if orders.count > before { counts[.newOrder] = orders.count - before }
        }
        nowEpoch = max(nowEpoch, now)
        SeatOccupancy.apply(to: &self)
        return counts
    }

    private func pick(in range: Range<Int>, avoiding: Set<Int>, rng: inout SplitMix64, where eligible: (FakeOrder) -> Bool) -> Int? {
        guard !range.isEmpty else { return nil }
        for _ in 0..<64 {
            let i = rng.int(in: range.lowerBound...(range.upperBound - 1))
            if !avoiding.contains(i), eligible(orders[i]) { return i }
        }
        return nil
    }
}

extension FaultPlan.Churn.Change {
    /// Whether the change can happen to this order.
    func applies(to order: FakeOrder) -> Bool {
        switch self {
        case .scan: return true
        case .refund: return !order.refundableBaskets.isEmpty
        case .cancellation: return order.deletedAt == nil
        case .newOrder: return false
        }
    }
}
