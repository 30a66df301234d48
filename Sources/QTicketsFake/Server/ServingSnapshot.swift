import Synchronization

/// An immutable organiser prepared for serving, with a cache of filtered, sorted selections.
///
/// A paging client asks the same `where` for page after page; selecting over 100k orders for
/// each page would make a backfill O(pages × orders). The selection is computed once per
/// distinct (where without id bounds, orderBy), and each page is a window of it: a keyset
/// page (`id > cursor`) is found by binary search. Building a snapshot is O(1) (rows are
/// found by id with a binary search, not an index), so replacing the organiser between pages
/// (churn) stays cheap; replacing it replaces the cache, which can never serve stale rows.
final class ServingSnapshot: Sendable {
    let organiser: Organiser
    private let selections = Mutex<[String: [Int32]]>([:])
    private static let cacheLimit = 256
    /// Selections computed (cache misses): a keyset walk of one window computes one.
    let selectionsComputed = Atomic<Int>(0)

    init(_ organiser: Organiser) {
        self.organiser = organiser
    }

    func orderSelection(_ query: ListQuery) throws(ListQuery.Problem) -> RowSelection {
        try select(query, cachePrefix: "o:", rows: organiser.orders, columns: RowColumns.order) { organiser.orders[$0].id }
    }

    func eventSelection(_ query: ListQuery) throws(ListQuery.Problem) -> RowSelection {
        try select(query, cachePrefix: "e:", rows: organiser.events, columns: RowColumns.event) { organiser.events[$0].id }
    }

    /// Index of the order with this id (orders are sorted by id), or nil.
    func orderIndex(id: Int) -> Int? {
        let i = organiser.orders.partitioningIndex { $0.id >= id }
        return i < organiser.orders.count && organiser.orders[i].id == id ? i : nil
    }

    /// Index of the event with this id (events are sorted by id), or nil.
    func eventIndex(id: Int) -> Int? {
        let i = organiser.events.partitioningIndex { $0.id >= id }
        return i < organiser.events.count && organiser.events[i].id == id ? i : nil
    }

    private func select<Row>(
        _ query: ListQuery, cachePrefix: String, rows: [Row], columns: (String) -> ((Row) -> FieldValue)?,
        id: (Int) -> Int
    ) throws(ListQuery.Problem) -> RowSelection {
        let (rest, ids) = query.splittingIDRange()
        var base = rest
        let descending = rest.sortsByID && (rest.orderBy.first?.descending ?? false)
        if rest.sortsByID { base.orderBy = [] }  // ascending ids; direction is applied by the window
        let indices = try cached(cachePrefix + base.selectionKey) { () throws(ListQuery.Problem) in
            try RowColumns.select(rows, query: base, columns: columns)
        }
        if rest.sortsByID { return RowSelection.window(of: indices, ids: ids, descending: descending, id: id) }
        if ids.isUnbounded { return RowSelection(indices) }
        return RowSelection(indices.filter { ids.contains(id(Int($0))) })
    }

    private func cached(_ key: String, _ compute: () throws(ListQuery.Problem) -> [Int32]) throws(ListQuery.Problem) -> [Int32] {
        if let hit = selections.withLock({ $0[key] }) { return hit }
        let value = try compute()  // outside the lock: two racing requests may both compute; harmless
        selectionsComputed.add(1, ordering: .relaxed)
        selections.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = value
        }
        return value
    }
}
