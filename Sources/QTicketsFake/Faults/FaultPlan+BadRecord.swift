extension FaultPlan {
    /// One bad value in one order, rendered as the real API renders numbers (JSON numbers):
    /// the record an ingester must skip and report while the rest of the page lands. Leave the
    /// order out of the truth with `groundTruth(excludingOrders: Set(plan.badRecords.keys))`.
    public enum BadRecord: String, Sendable, Codable, CaseIterable {
        /// The first ticket's `price` with three decimals: `1234.567`.
        case threeDecimalPrice = "three-decimal-price"
        /// The first ticket's `price` negative.
        case negativePrice = "negative-price"
        /// The first ticket's `quantity` negative (`-1`).
        case negativeQuantity = "negative-quantity"
        /// The first ticket's `id` negative.
        case negativeBasketID = "negative-basket-id"
        /// The order's `id` beyond Int64 and UInt64: `18446744073709551616`.
        case idBeyondInt64 = "id-beyond-int64"
    }
}
