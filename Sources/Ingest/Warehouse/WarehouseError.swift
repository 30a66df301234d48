/// The warehouse answered something the ingester cannot read, or its own declarations
/// disagree; never a transport failure (those are the client's `ClickHouseError`).
public enum WarehouseError: Error, Equatable, CustomStringConvertible {
    /// A query's row lacked a column or held a value of another type.
    case unexpectedResult(query: String, row: [String: String])
    /// A column of the daily table has no expression in the recompute.
    case noExpression(column: String)

    public var description: String {
        switch self {
        case let .unexpectedResult(query, row):
            "unexpected answer from ClickHouse to \(query): \(row.sorted { $0.key < $1.key })"
        case let .noExpression(column):
            "the daily recompute has no expression for column \(column) of the daily table"
        }
    }
}
