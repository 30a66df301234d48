/// The columns `where` and `orderBy` may name, per resource. An unknown column is a 400
/// (a client typo must fail loudly rather than silently match everything).
enum RowColumns {
    static func order(_ name: String) -> ((FakeOrder) -> FieldValue)? {
        switch name {
        case "id": return { .int($0.id) }
        case "event_id": return { .int($0.eventID) }
        case "client_id": return { .int($0.clientID) }
        case "uniqid": return { .string($0.uniqid) }
        case "payed": return { .bool($0.payed) }
        case "payed_at": return { FieldValue(instant: $0.payedAt) }
        case "created_at": return { .instant($0.createdAt) }
        case "updated_at": return { .instant($0.updatedAt) }
        case "deleted_at": return { FieldValue(instant: $0.deletedAt) }
        case "price": return { .kopecks($0.priceKopecks) }
        case "original_price": return { .kopecks($0.originalPriceKopecks) }
        case "currency_id": return { _ in .string("RUB") }
        default: return nil
        }
    }

    static func event(_ name: String) -> ((FakeEvent) -> FieldValue)? {
        switch name {
        case "id": return { .int($0.id) }
        case "is_active": return { .bool($0.isActive) }
        case "name": return { .string($0.name) }
        case "city_id": return { .int($0.city.id) }
        case "place_name": return { .string($0.placeName) }
        case "created_at": return { .instant($0.createdAt) }
        case "updated_at": return { .instant($0.updatedAt) }
        case "deleted_at": return { FieldValue(instant: $0.deletedAt) }
        case "currency_id": return { _ in .string("RUB") }
        default: return nil
        }
    }

    /// Indices of `rows` (sorted by id) that match every condition, in the requested order.
    static func select<Rows: RandomAccessCollection<Row>, Row>(
        _ rows: Rows, query: ListQuery, columns: (String) -> ((Row) -> FieldValue)?
    ) throws(ListQuery.Problem) -> [Int32] where Rows.Index == Int {
        var readers: [(WhereCondition, (Row) -> FieldValue)] = []
        for condition in query.conditions {
            guard let read = columns(condition.column) else { throw .unknownColumn(condition.column) }
            readers.append((condition, read))
        }
        var result: [Int32] = []
        result.reserveCapacity(readers.isEmpty ? rows.count : 1024)
        for (i, row) in rows.enumerated() where readers.allSatisfy({ $0.0.matches($0.1(row)) }) {
            result.append(Int32(i))
        }
        guard let sort = query.orderBy.first else { return result }
        guard let read = columns(sort.column) else { throw .unknownColumn(sort.column) }
        if sort.column == "id" {
            return sort.descending ? result.reversed() : result
        }
        let keyed = result.map { (index: $0, value: read(rows[Int($0)])) }
        let sorted = keyed.sorted { a, b in
            let c = FieldValue.sortOrder(a.value, b.value)
            if c != 0 { return sort.descending ? c > 0 : c < 0 }
            return a.index < b.index
        }
        return sorted.map(\.index)
    }
}
