import QTicketsAPI

/// Event id → city name for ticket rows: every event of the live-events listing, plus a bounded
/// cache of events looked up by id for orders whose event the listing did not return (deleted
/// ones), resolved page by page as such orders arrive.
struct EventCities {
    /// Looked-up events kept at most by default; the oldest half goes when it is full.
    static let defaultCapacity = 4_096

    /// The cities of one page's events; `unknown`: events the API does not return at all.
    struct Resolved {
        var cities: [Int: String] = [:]
        var unknown: Set<Int> = []
    }

    private let live: [Int: String]
    private let capacity: Int
    /// `nil`: the API did not return the event (its tickets get an empty city).
    private var looked: [Int: String?] = [:]
    private var insertion: [Int] = []

    init(events: [Event], capacity: Int = Self.defaultCapacity) {
        live = Dictionary(events.map { ($0.id, $0.city?.name ?? "") }, uniquingKeysWith: { first, _ in first })
        self.capacity = max(2, capacity)
    }

    /// Looked-up events held now (at most the capacity).
    var cached: Int { looked.count }

    /// The cities of `eventIDs`: live or cached ones at once, the others looked up by id (100 a
    /// request) and cached. The answer is complete even when caching them evicted others.
    mutating func resolve(_ eventIDs: Set<Int>, api: QTicketsClient) async throws -> Resolved {
        var resolved = Resolved()
        var missing: [Int] = []
        for id in eventIDs {
            if let city = live[id] {
                resolved.cities[id] = city
            } else if let lookup = looked[id] {
                if let city = lookup { resolved.cities[id] = city } else { resolved.unknown.insert(id) }
            } else {
                missing.append(id)
            }
        }
        missing.sort()
        for start in stride(from: 0, to: missing.count, by: 100) {
            let chunk = Array(missing[start..<min(start + 100, missing.count)])
            var found: [Int: String] = [:]
            for try await event in api.events(where: [.in("id", chunk)]) { found[event.id] = event.city?.name ?? "" }
            for id in chunk {
                if let city = found[id] { resolved.cities[id] = city } else { resolved.unknown.insert(id) }
                remember(id, found[id])
            }
        }
        return resolved
    }

    private mutating func remember(_ id: Int, _ city: String?) {
        if looked.count >= capacity {
            for old in insertion.prefix(capacity / 2) { looked[old] = nil }
            insertion.removeFirst(min(insertion.count, capacity / 2))
        }
        looked[id] = .some(city)
        insertion.append(id)
    }
}
