/// A value that knows its table and how to write itself as one RowBinary row.
///
/// `encode(to:)` must write exactly the table's columns, in order. The writer checks this
/// against ``table`` (at least for the first row of each batch), so a mismatch is a clear error
/// instead of bytes the server would misread.
public protocol RowBinaryRow: Sendable {
    static var table: TableDefinition { get }
    func encode(to writer: inout RowBinaryWriter) throws
}
