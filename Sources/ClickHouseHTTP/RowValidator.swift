/// Checks, field by field, that what a row writes matches the table's column types.
///
/// A stack of the types still expected (top = next); a primitive write pops one, `Nullable`
/// and `Array` markers replace the top with their element types. The first mismatch is kept
/// and reported by ``RowBinaryWriter/endRow()``, so the field writers stay non-throwing.
@usableFromInline
struct RowValidator {
    /// What one writer call put into the buffer.
    @usableFromInline
    enum Field: CustomStringConvertible {
        case uInt8, uInt16, uInt32, uInt64, int8, int16, int32, int64, float32, float64
        case string, fixedString(Int), date, dateTime, decimal(precision: Int, scale: Int), uuid
        case null, nonNull, array(count: Int)

        @usableFromInline
        var description: String {
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
            case .dateTime: "DateTime"
            case .decimal(let p, let s): "Decimal(\(p), \(s))"
            case .uuid: "UUID"
            case .null: "NULL"
            case .nonNull: "a non-null marker"
            case .array(let n): "an array of \(n)"
            }
        }
    }

    let table: TableDefinition
    private var expected: [(type: ClickHouseType, column: Int)]
    private(set) var mismatch: RowSchemaError?

    init(table: TableDefinition) {
        self.table = table
        self.expected = table.columns.indices.reversed().map { (table.columns[$0].type, $0) }
    }

    mutating func consume(_ field: Field) {
        guard mismatch == nil else { return }
        guard let (type, column) = expected.popLast() else {
            mismatch = RowSchemaError(
                table: table.name, column: nil,
                expected: "\(table.columns.count) columns", found: "more fields (\(field))")
            return
        }
        switch (type, field) {
        case (.nullable, .null):
            return
        case (.nullable(let inner), .nonNull):
            expected.append((inner, column))
            return
        case (.array(let element), .array(let count)):
            for _ in 0..<max(count, 0) { expected.append((element, column)) }
            return
        default:
            if Self.matches(type, field) { return }
        }
        mismatch = RowSchemaError(
            table: table.name, column: table.columns[column].name, expected: type.sql, found: field.description)
    }

    /// Called at the end of a row: every column must have been written.
    mutating func finish() -> RowSchemaError? {
        if mismatch == nil, let (type, column) = expected.last {
            mismatch = RowSchemaError(
                table: table.name, column: table.columns[column].name,
                expected: type.sql, found: "nothing (the row ended early)")
        }
        return mismatch
    }

    private static func matches(_ type: ClickHouseType, _ field: Field) -> Bool {
        switch (type, field) {
        case (.uInt8, .uInt8), (.uInt16, .uInt16), (.uInt32, .uInt32), (.uInt64, .uInt64),
            (.int8, .int8), (.int16, .int16), (.int32, .int32), (.int64, .int64),
            (.float32, .float32), (.float64, .float64),
            (.string, .string), (.lowCardinalityString, .string),
            (.date, .date), (.dateTime, .dateTime), (.uuid, .uuid):
            return true
        case (.fixedString(let n), .fixedString(let m)):
            return n == m
        case (.decimal(let p, let s), .decimal(let q, let t)):
            return p == q && s == t
        default:
            return false
        }
    }
}
