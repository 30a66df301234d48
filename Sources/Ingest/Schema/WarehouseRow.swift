import ClickHouseHTTP

/// A row of one of the warehouse's tables: it knows its table and its RowBinary layout
/// (``RowBinaryRow``), and how to show itself in one line, so that `--dry-run` can print what it
/// would have written without asking which sink it has.
public protocol WarehouseRow: RowBinaryRow {
    /// The row in the table's own terms (`column=value` pairs), for previews and logs. Never
    /// personal data: the rows hold none.
    var previewLine: String { get }
}
