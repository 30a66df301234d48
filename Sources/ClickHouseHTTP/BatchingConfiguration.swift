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
    public var retry: ClickHouseRetryPolicy
    /// Check every row against the table, not only the first row of each batch.
    public var validateEveryRow: Bool

    public init(
        maxRows: Int = 50_000,
        maxBytes: Int = 4 << 20,
        maxAge: Duration = .seconds(1),
        compression: Compression = .gzip(level: 1),
        maxInFlightBytes: Int = 16 << 20,
        retry: ClickHouseRetryPolicy = ClickHouseRetryPolicy(),
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
}
