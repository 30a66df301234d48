/// The ticket sink as the sales step sees it: before ticket rows reach the warehouse, the days
/// their tickets count in now are read, so a change that moves a ticket out of a day (another
/// `payed_at`, or none) fixes that day too.
///
/// Rows are buffered into batches of ``batchSize``; each batch's stored days are read with one
/// primary-key look-up (``Warehouse/storedSalesDays(ticketIDs:)``), then the rows go on to the
/// sink. One batch is in flight while the next fills, so the look-ups overlap the fetching;
/// batches reach the sink in order. Every stored day a batch finds is a day to recompute
/// (``takeMovedDays()``): the day a ticket counted in before this run wrote it.
public actor StoredDayLookup: RowSink {
    public static let batchSize = 2_000

    private let warehouse: any Warehouse
    private let sink: any RowSink<TicketRow>
    private var buffer: [TicketRow] = []
    private var inFlight: Task<Set<UInt16>, any Error>?
    private var movedDays = Set<UInt16>()
    /// The highest ticket id that can be stored (``lookUpOnly(idsUpTo:)``); `.max` until told.
    private var storedAtMost = UInt64.max

    public init(warehouse: any Warehouse, sink: any RowSink<TicketRow>) {
        self.warehouse = warehouse
        self.sink = sink
    }

    /// Only tickets up to `id` can be stored with another day (a lower bound wins over a higher
    /// one): 0 when the warehouse held no ticket when the run began (``PrepareWarehouse``),
    /// since a ticket this run writes twice needs no look-up, the day of its first state is
    /// already touched; in a backfill's slices, the highest id stored before the backfill
    /// (``BackfillRun``).
    public func lookUpOnly(idsUpTo id: UInt64) {
        storedAtMost = min(storedAtMost, id)
    }

    /// Every ticket looked up again from now on (rows already buffered included).
    public func lookUpAll() {
        storedAtMost = .max
    }

    public func append(_ row: TicketRow) async throws {
        try await append(contentsOf: [row])
    }

    public func append(contentsOf rows: [TicketRow]) async throws {
        // A page's rows are usually the whole batch: taken as they are, not copied row by row.
        if buffer.isEmpty { buffer = rows } else { buffer += rows }
        if buffer.count >= Self.batchSize { try await dispatch() }
    }

    /// Sends every buffered row on and returns the stored days found since the last call: call
    /// it before deciding which days to complete and recompute.
    public func takeMovedDays() async throws -> Set<UInt16> {
        try await dispatch()
        try await settle()
        defer { movedDays = [] }
        return movedDays
    }

    /// Everything through to the warehouse, then the sink's own finish.
    public func finish() async throws -> Int {
        do {
            try await dispatch()
            try await settle()
        } catch {
            // The sink is flushed either way: what it accepted is written and counted.
            _ = try? await sink.finish()
            throw error
        }
        return try await sink.finish()
    }

    public func preview() async -> [String] { await sink.preview() }

    /// Starts the buffered batch once the previous one is through.
    private func dispatch() async throws {
        guard !buffer.isEmpty else { return }
        try await settle()
        let (rows, warehouse, sink, storedAtMost) = (buffer, warehouse, sink, storedAtMost)
        buffer = []
        inFlight = Task {
            let candidates = rows.lazy.map(\.ticketID).filter { $0 <= storedAtMost }
            let stored = candidates.isEmpty ? [:] : try await warehouse.storedSalesDays(ticketIDs: Array(candidates))
            try await sink.append(contentsOf: rows)
            return Set(stored.values)
        }
    }

    /// Waits for the batch in flight; a cancelled caller (a signal) cancels it too, since an
    /// unstructured task does not inherit the cancellation and would wait for a hanging server.
    private func settle() async throws {
        guard let task = inFlight else { return }
        inFlight = nil
        movedDays.formUnion(try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() })
    }
}
