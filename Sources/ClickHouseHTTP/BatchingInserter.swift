import Logging
import NIOCore

/// Streams rows of one table into ClickHouse in batches.
///
/// Rows are encoded into a RowBinary buffer inside the actor (cheap: a few integer writes per
/// field). A batch is cut at `maxRows`, `maxBytes` or `maxAge`; compressing and sending it runs
/// in a task outside the actor, so encoding continues while batches are in flight. In-flight
/// bytes are bounded: above `maxInFlightBytes`, `append` suspends until a batch is confirmed,
/// so memory stays flat on any backfill.
///
/// Delivery is at-least-once: a retryable failure resends the same compressed bytes after a
/// jittered backoff, and a batch that finally fails is surfaced as
/// ``InsertError/batchFailed(table:rows:underlying:)`` from the next `append`, `flush` or
/// `finish`, never dropped. Tables are `ReplacingMergeTree`, so a batch stored twice (a lost
/// answer, then a retry) collapses under `FINAL`.
///
/// Always end with `finish()` (or `flush()`): rows still buffered when the inserter is dropped
/// are not sent. A producer waiting for in-flight capacity stops with `CancellationError` when
/// its task is cancelled (a signal must not wait for a hanging server's answer); the batches
/// in flight go on, and `finish()` still waits for them.
public actor BatchingInserter<Row: RowBinaryRow> {
    public nonisolated var table: TableDefinition { delivery.target.table }
    private let configuration: BatchingConfiguration
    /// Compresses and sends each batch cut from the buffer, in a task of its own.
    private let delivery: BatchDelivery
    private let onBatch: (@Sendable (BatchReport) async -> Void)?
    private let bufferCapacity: Int

    private var writer: RowBinaryWriter
    private var rowsInBuffer = 0
    /// Buffers of confirmed batches, cleared and kept for reuse (capacity survives `clear()`).
    private var spareBuffers: [ByteBuffer] = []
    private var inFlightBytes = 0
    private var inFlight: Set<Int> = []
    /// Id the current buffer will get when it is cut; lets a late age timer tell its batch left.
    private var nextBatchID = 0
    private var capacityWaiters: [CheckedContinuation<Void, Never>] = []
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    private var ageTimer: Task<Void, Never>?
    private var failure: InsertError?
    private var stats = InsertStats()
    private var isFinished = false
    private let startedAt = ContinuousClock.now

    public init(
        client: ClickHouseClient,
        database: String,
        configuration: BatchingConfiguration,
        logger: Logger,
        onBatch: (@Sendable (BatchReport) async -> Void)? = nil
    ) {
        self.configuration = configuration
        self.delivery = BatchDelivery(
            client: client, target: InsertTarget(table: Row.table, database: database), configuration: configuration, logger: logger)
        self.onBatch = onBatch
        // Room for a full batch plus the row that crosses the limit, without doubling the buffer.
        self.bufferCapacity = min(configuration.maxBytes, 64 << 20) + (64 << 10)
        self.writer = RowBinaryWriter(capacity: bufferCapacity)
    }

    // MARK: Producer API

    /// Adds one row; suspends while `maxInFlightBytes` are in flight. Throws a
    /// ``RowSchemaError`` if the row does not fit the table (the row is not kept), or the
    /// failure of an earlier batch.
    public func append(_ row: Row) async throws {
        if mustWait { try await waitForCapacity() }
        try write(row)
    }

    /// ``append(_:)`` for each row in order, suspending only while `maxInFlightBytes` are in
    /// flight. The rows are read in place, not through an iterator: outside this module the
    /// actor is not specialised for the row type, so each row an iterator hands out is a copy
    /// through its value witnesses, retains included, and an `async` call per row allocates a
    /// frame. Both were about a third of a 100k-order backfill's insert path (`perf`).
    public func append(contentsOf rows: [Row]) async throws {
        for index in rows.indices {
            if mustWait { try await waitForCapacity() }
            try write(rows[index])
        }
    }

    /// Whether the next row must wait (for capacity) or fail (a failure, or finished).
    private var mustWait: Bool {
        inFlightBytes >= configuration.maxInFlightBytes || failure != nil || isFinished
    }

    /// Suspends while `maxInFlightBytes` are in flight; throws the failure of an earlier batch.
    private func waitForCapacity() async throws {
        try checkUsable()
        while inFlightBytes >= configuration.maxInFlightBytes, failure == nil {
            try Task.checkCancellation()
            // The handler cannot resume the continuation itself (it runs off the actor); the
            // wake-up it sends reaches the actor only after the continuation is stored.
            await withTaskCancellationHandler {
                await withCheckedContinuation { capacityWaiters.append($0) }
            } onCancel: {
                Task { await self.wakeCapacityWaiters() }
            }
        }
        try checkUsable()
    }

    /// Encodes one row into the buffer, and cuts a batch when the buffer is full.
    private func write(_ row: Row) throws {
        try writer.write(row, validate: configuration.validateEveryRow || rowsInBuffer == 0)
        rowsInBuffer += 1
        if rowsInBuffer == 1 { startAgeTimer() }
        if rowsInBuffer >= configuration.maxRows || writer.byteCount >= configuration.maxBytes {
            cutBatch()
        }
    }

    /// Sends everything buffered now and waits until every batch in flight is answered.
    public func flush() async throws {
        cutBatch()
        await drain()
        if let failure { throw failure }
    }

    /// Flushes, waits, and returns the totals. Throws the first batch failure, if any (the
    /// totals stay readable through ``currentStats()``).
    public func finish() async throws -> InsertStats {
        cutBatch()
        await drain()
        ageTimer?.cancel()
        ageTimer = nil
        isFinished = true
        stats.duration = ContinuousClock.now - startedAt
        if let failure { throw failure }
        return stats
    }

    /// Totals so far, including retries of batches still in flight.
    public func currentStats() -> InsertStats {
        var s = stats
        if !isFinished { s.duration = ContinuousClock.now - startedAt }
        return s
    }

    // MARK: Batches

    private func checkUsable() throws {
        if let failure { throw failure }
        if isFinished { throw InsertError.finished(table: table.name) }
    }

    private func startAgeTimer() {
        ageTimer?.cancel()
        let id = nextBatchID
        let deadline = ContinuousClock.now + configuration.maxAge
        ageTimer = Task { [weak self] in
            do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return }
            await self?.ageExpired(batchID: id)
        }
    }

    private func ageExpired(batchID: Int) {
        guard batchID == nextBatchID, rowsInBuffer > 0 else { return }
        cutBatch()
    }

    /// Hands the buffer to a delivery task and starts a fresh (recycled) one.
    private func cutBatch() {
        guard rowsInBuffer > 0 else { return }
        ageTimer?.cancel()
        ageTimer = nil
        let raw = writer.takeBuffer(replacingWith: spareBuffers.popLast() ?? ByteBufferAllocator().buffer(capacity: bufferCapacity))
        let rows = rowsInBuffer
        rowsInBuffer = 0
        let id = nextBatchID
        nextBatchID += 1
        inFlight.insert(id)
        inFlightBytes += raw.readableBytes
        let delivery = self.delivery
        let onBatch = self.onBatch
        // Detached: compression and the HTTP round trips run off the actor. The task keeps the
        // inserter alive until the batch is accounted for.
        Task.detached { [self] in
            let report = await delivery.deliver(raw, rows: rows) { error, _ in
                await self.noteRetry(error)
            }
            await onBatch?(report)
            await self.batchCompleted(id: id, raw: raw, report: report)
        }
    }

    private func noteRetry(_ error: ClickHouseError) {
        stats.retries += 1
        stats.lastRetriedError = error
    }

    private func batchCompleted(id: Int, raw: ByteBuffer, report: BatchReport) {
        inFlight.remove(id)
        inFlightBytes -= raw.readableBytes
        if let error = report.error {
            stats.failedBatches += 1
            stats.failedRows += report.rows
            if failure == nil {
                failure = .batchFailed(table: delivery.target.qualifiedName, rows: report.rows, underlying: error)
            }
        } else {
            stats.rows += report.rows
            stats.batches += 1
            stats.rawBytes += report.rawBytes
            stats.compressedBytes += report.compressedBytes
        }
        // Kept as it is: the delivery task still holds the batch, and clearing a buffer that is
        // not uniquely referenced allocates a new one. The writer clears it when it takes it
        // (``RowBinaryWriter/takeBuffer(replacingWith:)``), by then the only reference.
        if spareBuffers.count < 2 { spareBuffers.append(raw) }
        wakeCapacityWaiters()
        if inFlight.isEmpty {
            let drained = drainWaiters
            drainWaiters.removeAll()
            for waiter in drained { waiter.resume() }
        }
    }

    /// Every waiting producer checks again (capacity, a failure, its cancellation).
    private func wakeCapacityWaiters() {
        let waiters = capacityWaiters
        capacityWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    private func drain() async {
        while !inFlight.isEmpty {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
    }
}
