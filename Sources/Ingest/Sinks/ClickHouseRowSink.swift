import ClickHouseHTTP

/// Rows into a ``BatchingInserter``: batched, gzip'd RowBinary, retried, never dropped.
public struct ClickHouseRowSink<Row: RowBinaryRow>: RowSink {
    let inserter: BatchingInserter<Row>

    public init(inserter: BatchingInserter<Row>) { self.inserter = inserter }

    public func append(_ row: Row) async throws { try await inserter.append(row) }
    public func append(contentsOf rows: [Row]) async throws { try await inserter.append(contentsOf: rows) }
    public func finish() async throws -> Int { try await inserter.finish().rows }
    public func preview() -> [String] { [] }
}
