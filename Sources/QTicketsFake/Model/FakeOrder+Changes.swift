/// The changes an order goes through, public so that tests can apply them in `modifyOrder`.
extension FakeOrder {
    /// Tickets a refund may hit: of a paid, live order, neither cancelled nor refunded.
    public var refundableBaskets: [Int] {
        guard payed, deletedAt == nil else { return [] }
        return baskets.indices.filter { baskets[$0].deletedAt == nil && baskets[$0].refundedAt == nil }
    }

    /// One ticket refunded at `t`: `refunded_at` and both `updated_at` move; `payed` stays true.
    public mutating func refund(basket index: Int, at t: Int) {
        baskets[index].refundedAt = t
        baskets[index].updatedAt = t
        updatedAt = max(updatedAt, t)
    }

    /// The whole order cancelled at `t` (paid or pending): it and all its live tickets get
    /// `deleted_at`, barcodes go.
    public mutating func cancel(at t: Int) {
        deletedAt = t
        for b in baskets.indices where baskets[b].deletedAt == nil {
            baskets[b].deletedAt = t
            baskets[b].barcode = nil
            baskets[b].updatedAt = t
        }
        updatedAt = max(updatedAt, t)
    }

    /// A ticket scanned at the door at `t`: only `updated_at` (and `checked_at`) move; the
    /// numbers do not change. An order without a live paid ticket is only touched.
    public mutating func scan(at t: Int) {
        if let b = baskets.indices.first(where: { isSold(baskets[$0]) && baskets[$0].checkedAt == nil }) {
            baskets[b].checkedAt = t
            baskets[b].updatedAt = t
        }
        updatedAt = max(updatedAt, t)
    }
}
