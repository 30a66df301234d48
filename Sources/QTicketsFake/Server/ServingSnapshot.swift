import Synchronization

/// An immutable organiser prepared for serving: id indexes and a cache of filtered,
/// sorted row selections.
///
/// A paging client asks the same `where` for page after page; selecting over 100k orders
/// for each page would make a backfill O(pages × orders). The selection is computed once
/// per distinct (where, orderBy) and each page is then a slice. Replacing the organiser
/// replaces the snapshot, so the cache can never serve stale rows.
final class ServingSnapshot: Sendable {
    let organiser: Organiser
    let orderIndexByID: [Int: Int]
    let eventIndexByID: [Int: Int]
    private let selections = Mutex<[String: [Int32]]>([:])
    private static let cacheLimit = 256

    init(_ organiser: Organiser) {
        self.organiser = organiser
        var orders: [Int: Int] = [:]
        orders.reserveCapacity(organiser.orders.count)
        for (i, order) in organiser.orders.enumerated() { orders[order.id] = i }
        self.orderIndexByID = orders
        var events: [Int: Int] = [:]
        for (i, event) in organiser.events.enumerated() { events[event.id] = i }
        self.eventIndexByID = events
    }

    func orderSelection(_ query: ListQuery) throws(ListQuery.Problem) -> [Int32] {
        try cached("o:" + query.selectionKey) { () throws(ListQuery.Problem) in
            try RowColumns.select(organiser.orders, query: query, columns: RowColumns.order)
        }
    }

    func eventSelection(_ query: ListQuery) throws(ListQuery.Problem) -> [Int32] {
        try cached("e:" + query.selectionKey) { () throws(ListQuery.Problem) in
            try RowColumns.select(organiser.events, query: query, columns: RowColumns.event)
        }
    }

    private func cached(_ key: String, _ compute: () throws(ListQuery.Problem) -> [Int32]) throws(ListQuery.Problem) -> [Int32] {
        if let hit = selections.withLock({ $0[key] }) { return hit }
        let value = try compute()  // outside the lock: two racing requests may both compute; harmless
        selections.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = value
        }
        return value
    }
}
