extension FaultPlan {
    /// Orders changing while a client pages, as the real organiser's box office changes them:
    /// after every `everyNthListing`-th orders listing request is served, `ordersPerRound`
    /// changes are made, stamped with the server clock, taking `changes` in turn. Existing
    /// orders are picked alternately below the last id the page served (rows the client has
    /// probably passed) and above it (rows ahead). Deterministic from `seed` for a sequential
    /// client. The served organiser and its truth change with it (`server.groundTruth()`).
    ///
    /// New orders land above every id, so a keyset walk reading the tail meets one more after
    /// each round: without `maxRounds` a walk with churn after every page never reaches an
    /// empty page. Real traffic is bounded by time; `maxRounds` bounds it here.
    public struct Churn: Sendable, Codable, Equatable {
        public enum Change: String, Sendable, Codable, CaseIterable {
            /// A ticket is scanned at the door: only `updated_at` (and `checked_at`) move.
            case scan
            /// One ticket of a paid order is refunded.
            case refund
            /// A whole order is cancelled.
            case cancellation
            /// A new order is placed (paid, pending or cancelled, like generated ones).
            case newOrder = "new-order"
        }

        public var everyNthListing: Int
        public var ordersPerRound: Int
        public var seed: UInt64
        public var changes: [Change]
        /// Rounds after which churn stops (nil: never).
        public var maxRounds: Int?

        public init(
            everyNthListing: Int = 1, ordersPerRound: Int = 4, seed: UInt64 = 1, changes: [Change] = Change.allCases,
            maxRounds: Int? = nil
        ) {
            self.everyNthListing = max(1, everyNthListing)
            self.ordersPerRound = max(0, ordersPerRound)
            self.seed = seed
            self.changes = changes.isEmpty ? Change.allCases : changes
            self.maxRounds = maxRounds
        }
    }
}
