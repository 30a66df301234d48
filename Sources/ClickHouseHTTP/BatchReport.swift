/// What happened to one batch, delivered to the inserter's `onBatch` callback (for metrics and
/// logs) once the batch is stored or has finally failed.
public struct BatchReport: Sendable {
    public let table: String
    public let rows: Int
    /// Uncompressed RowBinary bytes.
    public let rawBytes: Int
    /// Bytes on the wire (equal to `rawBytes` without compression).
    public let compressedBytes: Int
    /// HTTP attempts made, the first included.
    public let attempts: Int
    /// From the hand-over to the network to the final answer, retries and waits included.
    public let duration: Duration
    /// The errors that were retried, in order (scrubbed of secrets like every ClickHouseError).
    public let retriedErrors: [ClickHouseError]
    /// `nil` when the batch was stored.
    public let error: ClickHouseError?
}
