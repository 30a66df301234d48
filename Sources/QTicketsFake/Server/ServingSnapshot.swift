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
    private let orderCounts = Mutex<[String: OrderMatchCounts]>([:])
    private static let cacheLimit = 256
    /// Selections computed (cache misses): a keyset walk of one window computes one.
    let selectionsComputed = Atomic<Int>(0)

    init(_ organiser: Organiser) {
        self.organiser = organiser
    }

    func orderSelection(_ query: ListQuery) throws(ListQuery.Problem) -> RowSelection {
        try select(query, cachePrefix: "o:", rows: organiser.orders, columns: RowColumns.order) { organiser.orders[$0].id }
    }

    /// Page `query.page` of the orders listing. In ascending id order (every client's order)
    /// the page is found by an `OrderScan` from the cursor on, never by listing every match:
    /// generated orders are not stored, and a walk of millions per page would be quadratic.
    func orderPage(_ query: ListQuery, perPage: Int) throws(ListQuery.Problem) -> ListPage {
        let (rest, ids) = query.splittingIDRange()
        guard rest.orderBy.isEmpty || (rest.sortsByID && rest.orderBy.first?.descending == false) else {
            return ListPage(try orderSelection(query), perPage: perPage, page: query.page)
        }
        let store = organiser.orders
        let scan = try OrderScan(store, conditions: rest.conditions)
        let key = rest.conditions.map(\.canonical).joined(separator: "&")
        let counts = orderCounts.withLock { $0[key] } ?? {
            let counts = OrderMatchCounts(scan)  // outside the lock, like `cached`
            selectionsComputed.add(1, ordering: .relaxed)
            orderCounts.withLock { cache in
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[key] = counts
            }
            return counts
        }()
        let start = store.firstIndex(idAtLeast: ids.lower)
        let end = ids.upper == .max ? store.count : store.firstIndex(idAtLeast: ids.upper &+ 1)
        let range = start..<max(start, end)
        let total = counts.matches(before: range.upperBound, scan) - counts.matches(before: range.lowerBound, scan)
        var (skip, overflow) = (query.page - 1).multipliedReportingOverflow(by: perPage)
        var rows: [Int32] = []
        if !overflow {
            scan.forEachMatch(in: range) { i in
                guard skip == 0 else {
                    skip -= 1
                    return true
                }
                rows.append(Int32(truncatingIfNeeded: i))
                return rows.count < perPage
            }
        }
        return ListPage(paged: RowSelection(rows), total: total, perPage: perPage, page: query.page)
    }

    func eventSelection(_ query: ListQuery) throws(ListQuery.Problem) -> RowSelection {
        try select(query, cachePrefix: "e:", rows: organiser.events, columns: RowColumns.event) { organiser.events[$0].id }
    }

    /// Index of the order with this id (orders are sorted by id), or nil.
    func orderIndex(id: Int) -> Int? {
        organiser.orders.index(ofID: id)
    }

    /// Index of the event with this id (events are sorted by id), or nil.
    func eventIndex(id: Int) -> Int? {
        let i = organiser.events.partitioningIndex { $0.id >= id }
        return i < organiser.events.count && organiser.events[i].id == id ? i : nil
    }

    private func select<Rows: RandomAccessCollection<Row>, Row>(
        _ query: ListQuery, cachePrefix: String, rows: Rows, columns: (String) -> ((Row) -> FieldValue)?,
        id: (Int) -> Int
    ) throws(ListQuery.Problem) -> RowSelection where Rows.Index == Int {
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
