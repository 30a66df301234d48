/// The orders matching a `where`, in id order, found without building every order: a time
/// filter narrows the generated orders to a range of indices (`ProceduralOrders`), and when
/// every condition names a column of the order's header (id, event, payment, times) the
/// header alone decides, so only the orders of the page are built whole. Changed and added
/// orders are checked whole, wherever their index.
struct OrderScan {
    private static let headerColumns: Set<String> = ["id", "event_id", "payed", "payed_at", "created_at", "updated_at", "deleted_at"]
    private static let timeColumns: Set<String> = ["payed_at", "created_at", "updated_at", "deleted_at"]

    let store: OrderStore
    private let readers: [(WhereCondition, (FakeOrder) -> FieldValue)]
    private let headerOnly: Bool
    /// Generated indices that may match (outside it no time of an order meets the filter).
    private let candidates: Range<Int>
    private let changed: [Int]

    /// `conditions` without id bounds (those are applied by index).
    init(_ store: OrderStore, conditions: [WhereCondition]) throws(ListQuery.Problem) {
        var readers: [(WhereCondition, (FakeOrder) -> FieldValue)] = []
        var lower: Int?
        var upper: Int?
        for condition in conditions {
            guard let read = RowColumns.order(condition.column) else { throw .unknownColumn(condition.column) }
            readers.append((condition, read))
            guard Self.timeColumns.contains(condition.column), let v = condition.value.epoch else { continue }
            switch condition.op {
            case .ge, .gt: lower = max(lower ?? .min, Int(v.rounded(.down)) - 1)
            case .le, .lt: upper = min(upper ?? .max, Int(v.rounded(.up)) + 1)
            case .eq:
                lower = max(lower ?? .min, Int(v.rounded(.down)) - 1)
                upper = min(upper ?? .max, Int(v.rounded(.up)) + 1)
            default: break
            }
        }
        self.store = store
        self.readers = readers
        self.headerOnly = conditions.allSatisfy { Self.headerColumns.contains($0.column) }
        self.candidates = store.generated?.indices(timesFrom: lower, through: upper) ?? 0..<0
        self.changed = store.changedIndices
    }

    /// Calls `body` with every matching index in `range` (of the whole store), ascending,
    /// until it returns false.
    func forEachMatch(in range: Range<Int>, _ body: (Int) -> Bool) {
        let generatedEnd = min(range.upperBound, store.generatedCount)
        var i = max(range.lowerBound, candidates.lowerBound)
        let end = min(generatedEnd, candidates.upperBound)
        var c = changed.partitioningIndex { $0 >= range.lowerBound }
        while true {
            let nextChanged = c < changed.count && changed[c] < generatedEnd ? changed[c] : Int.max
            let nextCandidate = i < end ? i : Int.max
            let next = min(nextChanged, nextCandidate)
            guard next != .max else { break }
            if next == nextChanged { c += 1 }
            if next == nextCandidate { i += 1 }
            if matches(generated: next, isChanged: next == nextChanged), !body(next) { return }
        }
        var a = max(range.lowerBound, store.generatedCount)
        while a < range.upperBound {
            if matches(store[a]), !body(a) { return }
            a += 1
        }
    }

    func matches(_ order: FakeOrder) -> Bool {
        readers.allSatisfy { $0.0.matches($0.1(order)) }
    }

    private func matches(generated i: Int, isChanged: Bool) -> Bool {
        guard !isChanged, headerOnly, let generated = store.generated else { return matches(store[i]) }
        let times = generated.times(at: i)
        let order = FakeOrder(
            id: generated.id(at: i), uniqid: "", eventID: generated.recipe.catalogue.events[times.eventIndex].event.id,
            payed: times.payedAt != nil, payedAt: times.payedAt, createdAt: times.created, updatedAt: times.updatedAt,
            deletedAt: times.deletedAt, clientID: 0, clientName: "", clientSurname: "", clientEmail: "", clientPhone: "",
            quirks: 0, baskets: [])
        return matches(order)
    }
}
