/// One element of the body's `where` array: `{"column": C, "operator": OP, "value": V}`.
/// `operator` defaults to `=`; `{"operator":"null"}` is IS NULL (and `"not null"` IS NOT NULL).
struct WhereCondition {
    enum Operator: String {
        case eq = "=", ne = "!=", lt = "<", gt = ">", le = "<=", ge = ">="
        case isIn = "in", notIn = "not in", inArray = "in array", notInArray = "not in array"
        case isNull = "null", notNull = "not null"
    }

    var column: String
    var op: Operator
    var value: QueryValue

    func matches(_ field: FieldValue) -> Bool {
        let isNull: Bool
        if case .null = field { isNull = true } else { isNull = false }
        switch op {
        case .isNull: return isNull
        case .notNull: return !isNull
        case .eq:
            if value == .null || value == .absent { return isNull }
            return field.compare(to: value) == 0
        case .ne:
            if value == .null || value == .absent { return !isNull }
            guard let c = field.compare(to: value) else { return false }
            return c != 0
        case .lt: return (field.compare(to: value) ?? 0) < 0 && !isNull
        case .gt: return (field.compare(to: value) ?? 0) > 0 && !isNull
        case .le: return field.compare(to: value).map { $0 <= 0 } ?? false
        case .ge: return field.compare(to: value).map { $0 >= 0 } ?? false
        case .isIn, .inArray:
            return candidates.contains { field.compare(to: $0) == 0 }
        case .notIn, .notInArray:
            guard !isNull else { return false }
            return !candidates.contains { field.compare(to: $0) == 0 }
        }
    }

    private var candidates: [QueryValue] {
        if case .list(let l) = value { return l }
        return [value]
    }

    var canonical: String { "\(column)|\(op.rawValue)|\(value.canonical)" }
}
