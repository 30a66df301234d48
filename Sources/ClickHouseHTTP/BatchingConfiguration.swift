import ClientSupport

/// When a ``BatchingInserter`` sends a batch, how, and how hard it tries.
///
/// Defaults follow ClickHouse's guidance: tens of thousands of rows, a few MB, about one
/// INSERT per second per table (each INSERT makes a part; too many parts slow and then fail
/// inserts).
public struct BatchingConfiguration: Sendable {
    /// Send when the buffer holds this many rows.
    public var maxRows: Int
    /// Send when the uncompressed RowBinary reaches this many bytes.
    public var maxBytes: Int
    /// Send a non-empty buffer at the latest this long after its first row.
    public var maxAge: Duration
    public var compression: Compression
    /// Uncompressed bytes of batches handed to the network and not yet confirmed; `append`
    /// waits above it, which bounds memory on any backfill.
    public var maxInFlightBytes: Int
    /// Retries of a batch that failed in a retryable way (the same bytes are resent).
    public var retry: Backoff
    /// Check every row against the table, not only the first row of each batch.
    public var validateEveryRow: Bool

    public init(
        maxRows: Int = 50_000,
        maxBytes: Int = 4 << 20,
        maxAge: Duration = .seconds(1),
        compression: Compression = .gzip(level: 1),
        maxInFlightBytes: Int = 16 << 20,
        retry: Backoff = BatchingConfiguration.defaultRetry,
        validateEveryRow: Bool = false
    ) {
        self.maxRows = max(1, maxRows)
        self.maxBytes = max(1, maxBytes)
        self.maxAge = maxAge
        self.compression = compression
        self.maxInFlightBytes = max(1, maxInFlightBytes)
        self.retry = retry
        self.validateEveryRow = validateEveryRow
    }

    /// 8 attempts, waits from 200 ms doubling up to 10 s: rides out a server restart or a burst
    /// of "too many parts" without an overall deadline (a batch is worth waiting for).
    public static let defaultRetry = Backoff(maxAttempts: 8, baseDelay: .milliseconds(200), maxDelay: .seconds(10))
}
