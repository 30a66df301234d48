/// Where a run's rows go: the warehouse, or (for `--dry-run`) a counter that keeps a few samples.
///
/// The seam that lets one pipeline serve both modes. The run is given its sinks once, by its
/// ``Warehouse``, and never asks which kind it has: even what an operator sees afterwards is
/// rendered by the sink itself (``preview()``).
public protocol RowSink<Row>: Sendable {
    associatedtype Row: Sendable
    func append(_ row: Row) async throws
    func append(contentsOf rows: [Row]) async throws
    /// Flushes everything and returns how many rows went out.
    func finish() async throws -> Int
    /// Lines for the operator after the run: what a dry run would have written; nothing for a
    /// sink that really wrote (the summary line counts its rows).
    func preview() async -> [String]
}
