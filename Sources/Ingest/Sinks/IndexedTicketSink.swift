import ClickHouseHTTP

/// Ticket rows into the ticket table, and each one that has a payment day into the ticket-day
/// index (``TicketDayRow``) alongside: the index the daily recompute reads the touched days'
/// tickets through.
///
/// Both go through their own ``BatchingInserter``; a run counts as successful only when both
/// flushed, and a failed run's window is loaded again by the next (catch-up), so a ticket is
/// never in the table without its index entry once a run has succeeded after it.
public struct IndexedTicketSink: RowSink {
    let tickets: BatchingInserter<TicketRow>
    let index: BatchingInserter<TicketDayRow>

    public init(tickets: BatchingInserter<TicketRow>, index: BatchingInserter<TicketDayRow>) {
        self.tickets = tickets
        self.index = index
    }

    public func append(_ row: TicketRow) async throws {
        try await append(contentsOf: [row])
    }

    public func append(contentsOf rows: [TicketRow]) async throws {
        try await tickets.append(contentsOf: rows)
        try await index.append(contentsOf: rows.compactMap(TicketDayRow.init))
    }

    /// Both flushed, even when one fails; the ticket rows are the count.
    public func finish() async throws -> Int {
        let written: Int
        do {
            written = try await tickets.finish().rows
        } catch {
            _ = try? await index.finish()
            throw error
        }
        _ = try await index.finish()
        return written
    }

    public func preview() -> [String] { [] }
}
