/// A column's value on one row, typed so that filters compare like the real database does:
/// dates as instants (whatever offset the filter value carries), money as exact kopecks.
enum FieldValue {
    case null
    case int(Int)
    case instant(Int)
    case bool(Bool)
    case kopecks(Int)
    case string(String)

    init(instant epoch: Int?) {
        if let epoch { self = .instant(epoch) } else { self = .null }
    }

    /// Three-way comparison with a filter value; nil when they cannot be compared (SQL's
    /// NULL semantics: the row does not match).
    func compare(to value: QueryValue) -> Int? {
        switch self {
        case .null:
            return nil
        case .int(let a):
            guard let b = value.number else { return nil }
            return Self.order(Double(a), b)
        case .kopecks(let a):
            guard let b = value.number else { return nil }
            return Self.order(Double(a), (b * 100).rounded())
        case .instant(let a):
            switch value {
            case .string(let text):
                guard let b = FakeTimestamp.parse(text) else { return nil }
                return Self.order(Double(a), b)
            case .number(let b):
                return Self.order(Double(a), b)
            default:
                return nil
            }
        case .bool(let a):
            guard let b = value.number else { return nil }
            return Self.order(a ? 1 : 0, b)
        case .string(let a):
            let b: String
            switch value {
            case .string(let s): b = s
            case .number(let n): b = n == n.rounded() ? String(Int(n)) : String(n)
            case .bool(let v): b = v ? "1" : ""
            default: return nil
            }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    /// Ordering between two rows' values for `orderBy` on a non-id column (NULLs first, like MySQL).
    static func sortOrder(_ a: FieldValue, _ b: FieldValue) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.int(let x), .int(let y)), (.instant(let x), .instant(let y)), (.kopecks(let x), .kopecks(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (x ? 1 : -1)
        case (.string(let x), .string(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            return 0
        }
    }

    private static func order(_ a: Double, _ b: Double) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }
}
