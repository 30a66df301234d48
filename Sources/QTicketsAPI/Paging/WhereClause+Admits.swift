import Foundation

/// A clause evaluated on the client, as the API's database evaluates it: what ``PageCheck``
/// holds every row of an answer to.
extension WhereClause {
    /// Whether a row with `value` in this clause's column matches it; `nil` when the two cannot
    /// be compared (the clause is then not checked). NULL matches only `null`, like SQL.
    func admits(_ value: FilterValue) -> Bool? {
        admits(value, reading: apiReading)
    }

    /// A date bound as the API reads it: rendered (whole seconds) and parsed back; nil for
    /// other bounds. ``PageCheck`` takes it once per request, not once per row.
    var apiReading: Date? {
        guard case .date(let d, let zone) = value else { return nil }
        return QTicketsTimestamp.parse(QTicketsTimestamp.render(d, timeZone: zone))
    }

    /// ``admits(_:)`` with the date bound's ``apiReading`` already taken.
    func admits(_ value: FilterValue, reading: Date?) -> Bool? {
        if op == .isNull { return value == .null }
        guard let bound = self.value else { return nil }
        if value == .null { return false }
        switch op {
        case .in, .notIn:
            guard case .int(let v) = value, case .ints(let list) = bound else { return nil }
            return list.contains(v) == (op == .in)
        default:
            guard let order = Self.compare(value, bound, reading: reading) else { return nil }
            switch op {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .less: return order < 0
            case .greater: return order > 0
            case .lessOrEqual: return order <= 0
            case .greaterOrEqual: return order >= 0
            case .in, .notIn, .isNull: return nil
            }
        }
    }

    /// -1, 0 or 1; a date bound is compared as the API reads it (`reading`).
    private static func compare(_ value: FilterValue, _ bound: Value, reading: Date?) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (value, bound) {
        case let (.int(a), .int(b)): return sign(a, b)
        case let (.bool(a), .bool(b)): return sign(a ? 1 : 0, b ? 1 : 0)
        case let (.bool(a), .int(b)): return sign(a ? 1 : 0, b)
        case (.date(let a), .date):
            guard let b = reading else { return nil }
            return sign(a.timeIntervalSince1970, b.timeIntervalSince1970)
        default: return nil
        }
    }

    /// `updated_at >= 2025-11-03T00:00:00+03:00`, `deleted_at null`, `id in [1, 2, 3, …]`: for
    /// error messages.
    var summary: String {
        let rendered: String
        switch value {
        case nil: return "\(column) \(op.rawValue)"
        case .int(let v): rendered = String(v)
        case .string(let v): rendered = "\"\(v)\""
        case .bool(let v): rendered = String(v)
        case .date(let d, let zone): rendered = QTicketsTimestamp.render(d, timeZone: zone)
        case .ints(let v): rendered = Self.list(v.map(String.init))
        case .strings(let v): rendered = Self.list(v.map { "\"\($0)\"" })
        }
        return "\(column) \(op.rawValue) \(rendered)"
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.prefix(5).joined(separator: ", ") + (items.count > 5 ? ", … (\(items.count))" : "") + "]"
    }
}

extension FilterValue {
    /// The value for an error message, dates in `zone` like the filter that rejected them.
    func summary(in zone: TimeZone) -> String {
        switch self {
        case .null: "null"
        case .int(let v): String(v)
        case .bool(let v): String(v)
        case .date(let d): QTicketsTimestamp.render(d, timeZone: zone)
        }
    }
}
