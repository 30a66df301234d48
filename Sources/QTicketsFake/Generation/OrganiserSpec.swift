/// The sizes and seed from which an organiser is generated. Two processes given the same
/// spec and the same `now` generate byte-identical data (that is how `qtickets-fake truth`
/// and `qtickets-fake serve` agree).
public struct OrganiserSpec: Sendable, Codable, Hashable {
    public var seed: UInt64
    public var events: Int
    /// Each event gets 0...maxShowsPerEvent shows (a few get none).
    public var maxShowsPerEvent: Int
    public var orders: Int
    /// Each order has 1...maxTicketsPerOrder tickets (skewed towards 1 and 2).
    public var maxTicketsPerOrder: Int
    /// Order `payed_at` / `updated_at` are spread over `[now − historyHours, now]`.
    public var historyHours: Int
    /// Physical seats per show (a few shows get none at all and answer `"data":[]`).
    public var minSeatsPerShow: Int
    public var maxSeatsPerShow: Int

    public init(
        seed: UInt64 = 42, events: Int = 20, maxShowsPerEvent: Int = 4, orders: Int = 1_000,
        maxTicketsPerOrder: Int = 6, historyHours: Int = 72, minSeatsPerShow: Int = 20, maxSeatsPerShow: Int = 240
    ) {
        self.seed = seed
        self.events = max(0, events)
        self.maxShowsPerEvent = max(0, maxShowsPerEvent)
        self.orders = max(0, orders)
        self.maxTicketsPerOrder = max(1, maxTicketsPerOrder)
        self.historyHours = max(0, historyHours)
        self.minSeatsPerShow = max(0, minSeatsPerShow)
        self.maxSeatsPerShow = max(self.minSeatsPerShow, maxSeatsPerShow)
    }
}
