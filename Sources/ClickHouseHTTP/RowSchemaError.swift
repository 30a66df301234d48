/// A row whose fields do not match its table's columns: the wrong type, too few or too many
/// fields. Caught before the batch is sent, so the server never sees misaligned bytes.
public struct RowSchemaError: Error, Sendable, CustomStringConvertible, Equatable {
    public let table: String
    /// The column where the mismatch was found; `nil` when the row wrote more fields than the
    /// table has columns.
    public let column: String?
    public let expected: String
    public let found: String

    public var description: String {
        if let column {
            return "row does not fit table \(table): column '\(column)' expects \(expected), the row wrote \(found)"
        }
        return "row does not fit table \(table): expected \(expected), the row wrote \(found)"
    }
}
