/// A value as it arrived in the request body's JSON (`where[].value`).
enum QueryValue: Equatable {
    case absent
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([QueryValue])

    init(_ json: JSONValue?) {
        switch json {
        case .none: self = .absent
        case .null?: self = .null
        case .bool(let v)?: self = .bool(v)
        case .number(let v)?: self = .number(v)
        case .string(let v)?: self = .string(v)
        case .array(let v)?: self = .list(v.map { QueryValue($0) })
        case .object?: self = .null
        }
    }

    /// Numeric reading, PHP-style: numbers, numeric strings and booleans are numbers.
    var number: Double? {
        switch self {
        case .number(let n): return n
        case .bool(let b): return b ? 1 : 0
        case .string(let s):
            if s == "true" { return 1 }
            if s == "false" { return 0 }
            return Double(s)
        default: return nil
        }
    }

    /// The instant a time column is compared with (as `FieldValue.instant` reads it), clamped
    /// to ±10^15 seconds so that it converts to `Int`; nil when it is not an instant.
    var epoch: Double? {
        let value: Double?
        switch self {
        case .string(let text): value = FakeTimestamp.parse(text)
        case .number(let n): value = n
        default: value = nil
        }
        guard let value, !value.isNaN else { return nil }
        return min(1e15, max(-1e15, value))
    }

    /// Canonical text, for cache keys.
    var canonical: String {
        switch self {
        case .absent: return "~"
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return "n\(n)"
        case .string(let s): return "s\(s.utf8.count):\(s)"
        case .list(let l): return "[" + l.map(\.canonical).joined(separator: ",") + "]"
        }
    }
}
