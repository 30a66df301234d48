/// Checks, field by field, that what a row writes matches the table's column types.
///
/// A stack of the types still expected (top = next); a primitive write pops one, `Nullable`
/// and `Array` markers replace the top with their element types. The first mismatch is kept
/// and reported at the end of the row, so the field writers stay non-throwing.
@usableFromInline
struct RowValidator {
    /// What one writer call put into the buffer.
    @usableFromInline
    enum Field: CustomStringConvertible {
        /// The bytes of one value of `type` (a `DateTime` without its zone: bytes carry none).
        case value(ClickHouseType)
        case null, nonNull, array(count: Int)

        @usableFromInline
        var description: String {
            switch self {
            case .value(let type): type.sql
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
        case (_, .value(let written)):
            if Self.matches(type, written) { return }
        default:
            break
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

    /// Whether a value written as `written` is what a column of `type` stores: the same type,
    /// except that `LowCardinality(String)` is written as `String` and a `DateTime` in any zone
    /// as a `DateTime`.
    private static func matches(_ type: ClickHouseType, _ written: ClickHouseType) -> Bool {
        switch (type, written) {
        case (.lowCardinalityString, .string), (.dateTime, .dateTime): true
        default: type == written
        }
    }
}
