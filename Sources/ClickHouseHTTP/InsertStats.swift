/// Totals of one ``BatchingInserter``, returned by `finish()` and readable at any time.
public struct InsertStats: Sendable, Equatable {
    /// Rows confirmed stored by the server.
    public var rows = 0
    /// Batches confirmed stored.
    public var batches = 0
    /// Uncompressed RowBinary bytes of stored batches.
    public var rawBytes = 0
    /// Bytes sent for stored batches (after compression).
    public var compressedBytes = 0
    /// Retries made (attempts after the first), over all batches.
    public var retries = 0
    /// The most recent retried error, to show what the inserter fought with.
    public var lastRetriedError: ClickHouseError?
    public var failedBatches = 0
    public var failedRows = 0
    /// From the inserter's creation to `finish()` (or to now, while running).
    public var duration: Duration = .zero

    public init() {}

    /// rawBytes / compressedBytes (1 without compression).
    public var compressionRatio: Double {
        Self.compressionRatio(rawBytes: rawBytes, compressedBytes: compressedBytes)
    }

    /// Uncompressed bytes per byte sent, 1 when nothing was sent: the one definition of the ratio
    /// that logs, metrics and reports show.
    public static func compressionRatio(rawBytes: Int, compressedBytes: Int) -> Double {
        compressedBytes == 0 ? 1 : Double(rawBytes) / Double(compressedBytes)
    }
}
