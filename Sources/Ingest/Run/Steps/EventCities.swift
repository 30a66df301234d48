import QTicketsAPI

/// Event id → city name for ticket rows: every event of the live-events listing, plus a bounded
/// cache of events looked up by id for orders whose event the listing did not return (deleted
/// ones), resolved page by page as such orders arrive.
struct EventCities {
    /// Looked-up events kept at most; the oldest half goes when it is full.
    static let capacity = 4_096

    private enum Lookup {
        case city(String)
        /// The API did not return the event: its tickets get an empty city.
        case unknown
    }

    private let live: [Int: String]
    private var looked: [Int: Lookup] = [:]
    private var insertion: [Int] = []

    init(events: [Event]) {
        live = Dictionary(events.map { ($0.id, $0.city?.name ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    subscript(eventID: Int) -> String? {
        if let city = live[eventID] { return city }
        if case .city(let name)? = looked[eventID] { return name }
        return nil
    }

    /// Looks up the events of `eventIDs` that are neither live nor cached (100 ids a request);
    /// returns those the API does not know.
    mutating func resolve(_ eventIDs: Set<Int>, api: QTicketsClient) async throws -> Set<Int> {
        let missing = eventIDs.filter { live[$0] == nil && looked[$0] == nil }.sorted()
        for start in stride(from: 0, to: missing.count, by: 100) {
            let chunk = Array(missing[start..<min(start + 100, missing.count)])
            var found: [Int: String] = [:]
            for try await event in api.events(where: [.in("id", chunk)]) { found[event.id] = event.city?.name ?? "" }
            for id in chunk { remember(id, found[id].map(Lookup.city) ?? .unknown) }
        }
        return eventIDs.filter { self[$0] == nil }
    }

    private mutating func remember(_ id: Int, _ lookup: Lookup) {
        if looked.count >= Self.capacity {
            for old in insertion.prefix(Self.capacity / 2) { looked[old] = nil }
            insertion.removeFirst(min(insertion.count, Self.capacity / 2))
        }
        looked[id] = lookup
        insertion.append(id)
    }
}
