/// Why a ``BatchingInserter`` could not store rows.
public enum InsertError: Error, Sendable, CustomStringConvertible {
    /// A batch failed for good: a fatal error, or retries exhausted. Its rows are not stored
    /// (ClickHouse inserts a block atomically), so the caller can count them as lost or re-run.
    case batchFailed(table: String, rows: Int, underlying: ClickHouseError)
    /// `append` after `finish()`.
    case finished(table: String)

    public var description: String {
        switch self {
        case .batchFailed(let table, let rows, let underlying):
            "INSERT of a batch of \(rows) rows into \(table) failed: \(underlying)"
        case .finished(let table):
            "the inserter for \(table) is finished and accepts no more rows"
        }
    }
}
