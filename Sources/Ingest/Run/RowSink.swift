import ClickHouseHTTP

/// Where a run's rows go: the warehouse, or (for `--dry-run`) a counter that keeps a few samples.
///
/// The seam that lets one pipeline serve both modes; the run never asks which one it has.
public protocol RowSink<Row>: Sendable {
    associatedtype Row: Sendable
    func append(_ row: Row) async throws
    func append(contentsOf rows: [Row]) async throws
    /// Flushes everything and returns how many rows went out.
    func finish() async throws -> Int
}

/// Rows into a ``BatchingInserter``: batched, gzip'd RowBinary, retried, never dropped.
public struct ClickHouseRowSink<Row: RowBinaryRow>: RowSink {
    let inserter: BatchingInserter<Row>

    public init(inserter: BatchingInserter<Row>) { self.inserter = inserter }

    public func append(_ row: Row) async throws { try await inserter.append(row) }
    public func append(contentsOf rows: [Row]) async throws { try await inserter.append(contentsOf: rows) }
    public func finish() async throws -> Int { try await inserter.finish().rows }
}

/// `--dry-run`: counts rows and keeps the first few to print.
public actor DryRunRowSink<Row: Sendable>: RowSink {
    public private(set) var count = 0
    public private(set) var samples: [Row] = []
    private let keep: Int

    public init(keep: Int = 3) { self.keep = keep }

    public func append(_ row: Row) { record(row) }
    public func append(contentsOf rows: [Row]) { rows.forEach(record) }
    public func finish() -> Int { count }

    private func record(_ row: Row) {
        count += 1
        if samples.count < keep { samples.append(row) }
    }
}
