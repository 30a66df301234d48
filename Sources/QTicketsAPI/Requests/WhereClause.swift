import Foundation

/// One filter of a list request: `{"column": C, "operator": OP, "value": V}`.
///
/// Filters only work in the GET *body*; in the query string the API silently ignores them and
/// returns the unfiltered listing. Dates are rendered ISO-8601 with a colon offset
/// (`2025-11-03T00:00:00+03:00`), the form the API documents.
public struct WhereClause: Sendable, Hashable, Encodable {
    public enum Operator: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case greater = ">"
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case `in` = "in"
        case notIn = "not in"
        case isNull = "null"
    }

    public enum Value: Sendable, Hashable {
        case int(Int)
        case string(String)
        case bool(Bool)
        case date(Date, TimeZone)
        case ints([Int])
        case strings([String])
    }

    public var column: String
    public var op: Operator
    public var value: Value?

    public init(column: String, op: Operator, value: Value?) {
        self.column = column
        self.op = op
        self.value = value
    }

    /// The API's own zone: date values render with `+03:00`, like its answers.
    public static let moscow = TimeZone(identifier: "Europe/Moscow") ?? TimeZone(secondsFromGMT: 3 * 3600) ?? .gmt

    public static func eq(_ column: String, _ value: Int) -> Self { .init(column: column, op: .equal, value: .int(value)) }
    public static func eq(_ column: String, _ value: String) -> Self { .init(column: column, op: .equal, value: .string(value)) }
    public static func eq(_ column: String, _ value: Bool) -> Self { .init(column: column, op: .equal, value: .bool(value)) }
    public static func ne(_ column: String, _ value: Int) -> Self { .init(column: column, op: .notEqual, value: .int(value)) }
    public static func ne(_ column: String, _ value: String) -> Self { .init(column: column, op: .notEqual, value: .string(value)) }
    public static func lt(_ column: String, _ value: Int) -> Self { .init(column: column, op: .less, value: .int(value)) }
    public static func gt(_ column: String, _ value: Int) -> Self { .init(column: column, op: .greater, value: .int(value)) }
    public static func le(_ column: String, _ value: Int) -> Self { .init(column: column, op: .lessOrEqual, value: .int(value)) }
    public static func ge(_ column: String, _ value: Int) -> Self { .init(column: column, op: .greaterOrEqual, value: .int(value)) }
    public static func lt(_ column: String, _ value: Date, timeZone: TimeZone = moscow) -> Self {
        .init(column: column, op: .less, value: .date(value, timeZone))
    }
    public static func gt(_ column: String, _ value: Date, timeZone: TimeZone = moscow) -> Self {
        .init(column: column, op: .greater, value: .date(value, timeZone))
    }
    public static func le(_ column: String, _ value: Date, timeZone: TimeZone = moscow) -> Self {
        .init(column: column, op: .lessOrEqual, value: .date(value, timeZone))
    }
    public static func ge(_ column: String, _ value: Date, timeZone: TimeZone = moscow) -> Self {
        .init(column: column, op: .greaterOrEqual, value: .date(value, timeZone))
    }
    public static func `in`(_ column: String, _ values: [Int]) -> Self { .init(column: column, op: .in, value: .ints(values)) }
    public static func `in`(_ column: String, _ values: [String]) -> Self { .init(column: column, op: .in, value: .strings(values)) }
    public static func notIn(_ column: String, _ values: [Int]) -> Self { .init(column: column, op: .notIn, value: .ints(values)) }
    public static func notIn(_ column: String, _ values: [String]) -> Self { .init(column: column, op: .notIn, value: .strings(values)) }
    /// `IS NULL`: `{"column": C, "operator": "null"}`, no value.
    public static func isNull(_ column: String) -> Self { .init(column: column, op: .isNull, value: nil) }

    enum CodingKeys: String, CodingKey { case column, `operator`, value }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(column, forKey: .column)
        try c.encode(op.rawValue, forKey: .operator)
        switch value {
        case nil: break
        case .int(let v): try c.encode(v, forKey: .value)
        case .string(let v): try c.encode(v, forKey: .value)
        case .bool(let v): try c.encode(v, forKey: .value)
        case .date(let d, let tz): try c.encode(QTicketsTimestamp.render(d, timeZone: tz), forKey: .value)
        case .ints(let v): try c.encode(v, forKey: .value)
        case .strings(let v): try c.encode(v, forKey: .value)
        }
    }
}
