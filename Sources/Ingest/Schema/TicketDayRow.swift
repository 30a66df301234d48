import ClickHouseHTTP

/// One entry of `fact_qtickets_ticket_days`: a ticket that was written with this payment day.
///
/// The daily recompute reads the touched days' tickets through this narrow index
/// (`ticket_id IN (SELECT ticket_id FROM ticket_days WHERE sales_date IN (days))`: a primary-key
/// look-up on the ticket table) instead of reading the whole ticket table with `FINAL`, so its
/// cost follows the touched days, not the years of history. An entry of a day the ticket has
/// since left is harmless: the recompute still filters on the ticket's current `sales_date`.
/// Written alongside every ticket row that has a payment day.
public struct TicketDayRow: ColumnarRow, Equatable {
    public var salesDay: UInt16
    public var ticketID: UInt64
    /// The ticket row's version (the index needs none of its own; the schema wants one).
    public var version: UInt64

    public init(salesDay: UInt16, ticketID: UInt64, version: UInt64) {
        self.salesDay = salesDay
        self.ticketID = ticketID
        self.version = version
    }

    /// The entry of `ticket`, or `nil` when it has no payment day.
    public init?(_ ticket: TicketRow) {
        guard ticket.payedAt != 0 else { return nil }
        self.init(salesDay: ticket.salesDay, ticketID: ticket.ticketID, version: ticket.version)
    }

    public static let columns: [TableColumn<TicketDayRow>] = [
        .salesDate(\.salesDay),
        .uInt64("ticket_id", \.ticketID),
        .version(\.version),
    ]

    public static let table = TableDefinition(
        name: "fact_qtickets_ticket_days", columns: columns, orderBy: ["sales_date", "ticket_id"], versionColumn: "version")

    /// ``columns``' encoding, staged as ``TicketRow``'s is (one entry per paid ticket).
    public func encode(to writer: inout RowBinaryWriter) throws {
        guard !writer.isValidating else { return try encodeColumnByColumn(to: &writer) }
        writer.writeStaged(maxBytes: 2 + 8 + 8) { row in
            row.date(daysSinceEpoch: salesDay)
            row.uInt64(ticketID)
            row.uInt64(version)
        }
    }
}
