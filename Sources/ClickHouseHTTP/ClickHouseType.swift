/// A ClickHouse column type, as far as the writer needs to know it.
///
/// One value describes both the DDL (``sql``) and the RowBinary layout the encoder must produce,
/// so a table declared once cannot drift between `CREATE TABLE` and `INSERT`.
/// Only types that ClickHouse 18.16 accepts are offered (no DateTime64, Int128, Bool, Map):
/// production runs a newer server, but the DDL must work on both.
public enum ClickHouseType: Sendable, Hashable {
    case uInt8, uInt16, uInt32, uInt64
    case int8, int16, int32, int64
    case float32, float64
    case string
    case fixedString(Int)
    /// UInt16 days since 1970-01-01.
    case date
    /// UInt32 seconds since the epoch (UTC); the time zone changes only how the server prints it.
    case dateTime(timeZone: String?)
    /// Scaled integer: Int32 for precision ≤ 9, Int64 for ≤ 18, Int128 for ≤ 38.
    case decimal(precision: Int, scale: Int)
    indirect case nullable(ClickHouseType)
    case uuid
    /// Encoded exactly like `String`. 18.16 needs `allow_experimental_low_cardinality_type` in
    /// the server profile; use only when asked.
    case lowCardinalityString
    indirect case array(ClickHouseType)

    /// The type as written in DDL, e.g. `Nullable(DateTime('Europe/Moscow'))`.
    public var sql: String {
        switch self {
        case .uInt8: "UInt8"
        case .uInt16: "UInt16"
        case .uInt32: "UInt32"
        case .uInt64: "UInt64"
        case .int8: "Int8"
        case .int16: "Int16"
        case .int32: "Int32"
        case .int64: "Int64"
        case .float32: "Float32"
        case .float64: "Float64"
        case .string: "String"
        case .fixedString(let n): "FixedString(\(n))"
        case .date: "Date"
        case .dateTime(let zone?): "DateTime(\(SQLQuoting.stringLiteral(zone)))"
        case .dateTime(nil): "DateTime"
        case .decimal(let p, let s): "Decimal(\(p), \(s))"
        case .nullable(let t): "Nullable(\(t.sql))"
        case .uuid: "UUID"
        case .lowCardinalityString: "LowCardinality(String)"
        case .array(let t): "Array(\(t.sql))"
        }
    }
}
