/// Any JSON value, decoded strictly (a `1` is a number, never a boolean), for reading the
/// small request bodies (`where`, `orderBy`, `page`, `select`, `flat`).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// An integer from a number or a numeric string (PHP reads `"2"` as 2).
    var intValue: Int? {
        switch self {
        case .number(let n) where n == n.rounded() && abs(n) < 1e15: return Int(n)
        case .string(let s): return Int(s)
        default: return nil
        }
    }

    var isTruthy: Bool {
        switch self {
        case .bool(let b): return b
        case .number(let n): return n != 0
        case .string(let s): return !s.isEmpty && s != "0" && s != "false"
        default: return false
        }
    }
}
