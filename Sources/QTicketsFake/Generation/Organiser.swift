import Foundation

/// A whole organiser's data set: events (with cities and shows), orders (with tickets) and
/// the seats of every show. A value type: generate it, mutate it, hand a copy to the server.
/// Codable, so a generated (and mutated) state can be saved and served again later.
public struct Organiser: Sendable, Codable {
    /// What it was generated from.
    public var spec: OrganiserSpec
    /// The generator's "now" (epoch seconds): of generation, or of the last mutation.
    public var nowEpoch: Int
    /// Sorted by id.
    public var events: [FakeEvent]
    /// Sorted by id (ascending ids, like the real API's `orderBy id asc`); generated orders
    /// are derived on demand, not stored (see `OrderStore`).
    public var orders: OrderStore
    /// Seats of each show, by show id (every show of every event, deleted or not).
    public var seats: [Int: [FakeSeat]]

    public init(spec: OrganiserSpec, nowEpoch: Int, events: [FakeEvent], orders: OrderStore, seats: [Int: [FakeSeat]]) {
        self.spec = spec
        self.nowEpoch = nowEpoch
        self.events = events
        self.orders = orders
        self.seats = seats
    }

    /// Deterministic for a given spec and `now` (whole seconds are used).
    public static func generate(_ spec: OrganiserSpec, now: Date) -> Organiser {
        var generator = OrganiserGenerator(spec: spec, now: Int(now.timeIntervalSince1970.rounded(.down)))
        return generator.generate()
    }

    public var now: Date { Date(timeIntervalSince1970: TimeInterval(nowEpoch)) }
    public var orderCount: Int { orders.count }
    public var eventCount: Int { events.count }
    /// Every show id, deleted or not, ascending.
    public var showIDs: [Int] { events.flatMap { $0.shows.map(\.id) }.sorted() }
    /// Number of tickets (baskets) over all orders.
    public var basketCount: Int { orders.reduce(0) { $0 + $1.baskets.count } }

    /// The show and its event, or nil.
    public func show(id: Int) -> (event: FakeEvent, show: FakeShow)? {
        for event in events {
            if let show = event.shows.first(where: { $0.id == id }) { return (event, show) }
        }
        return nil
    }
}
