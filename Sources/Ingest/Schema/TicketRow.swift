import ClickHouseHTTP
import Foundation

/// One ticket (a QTickets basket) as the warehouse keeps it: the base of every daily fact.
///
/// Keyed by `ticket_id` in a ReplacingMergeTree whose version is the order's `updated_at`, so
/// re-reading an order replaces its tickets, an older window replayed after a newer one cannot
/// win, and a refund that arrives a week later flips `is_sold` on the same row. No personal data:
/// no names, emails, phones, seats or barcodes.
public struct TicketRow: ColumnarRow, WarehouseRow, Equatable {
    public enum Status: String, Sendable { case sold, pending, cancelled, ticketCancelled = "ticket_cancelled", refunded }

    public var ticketID: UInt64
    public var orderID: UInt64
    public var eventID: UInt64
    public var showID: UInt64
    public var city: String
    /// Day of the payment in the configured time zone; 1970-01-01 when the order was never paid.
    public var salesDay: UInt16
    public var payedAt: UInt32
    public var status: Status
    public var quantity: UInt32
    public var price: Decimal
    public var orderUpdatedAt: UInt32
    public var version: UInt64

    public var isSold: Bool { status == .sold }

    public static let columns: [TableColumn<TicketRow>] = [
        .uInt64("ticket_id", \.ticketID),
        .uInt64("order_id", \.orderID),
        .eventID(\.eventID),
        .showID(\.showID),
        .city(\.city),
        .salesDate(\.salesDay),
        .dateTime("payed_at", \.payedAt),
        .string("status", \.status.rawValue),
        .uInt8("is_sold") { $0.isSold ? 1 : 0 },
        .uInt32("quantity", \.quantity),
        .money("price", \.price),
        .dateTime("order_updated_at", \.orderUpdatedAt),
        .version(\.version),
    ]

    public static let table = TableDefinition(name: "fact_qtickets_tickets", columns: columns, orderBy: ["ticket_id"], versionColumn: "version")

    /// ``columns``' encoding, staged (``RowBinaryStage``): one row per ticket of a backfill.
    /// Measured (release, 2M rows): 370 ns a row through the column list's closures and key
    /// paths, 210 through the writer's field writers, most of it the `ByteBuffer`'s checks per
    /// field; staged, 64 (35 of them the exact decimal). `ColumnarRowEncodingTests` holds this to the column
    /// list's bytes; a validated row (a batch's first) is written through the column list, so
    /// the table's type check still sees every batch.
    public func encode(to writer: inout RowBinaryWriter) throws {
        guard !writer.isValidating else { return try encodeColumnByColumn(to: &writer) }
        let status = self.status.rawValue
        try writer.writeStaged(maxBytes: Self.fixedBytes + RowBinaryStage.maxBytes(of: city) + RowBinaryStage.maxBytes(of: status)) { row in
            row.uInt64(ticketID)
            row.uInt64(orderID)
            row.uInt64(eventID)
            row.uInt64(showID)
            row.string(city)
            row.date(daysSinceEpoch: salesDay)
            row.dateTime(epochSeconds: payedAt)
            row.string(status)
            row.uInt8(isSold ? 1 : 0)
            row.uInt32(quantity)
            try row.decimal64(price, precision: 18, scale: 2)
            row.dateTime(epochSeconds: orderUpdatedAt)
            row.uInt64(version)
        }
    }

    /// The bytes of the fixed-width columns: 5 UInt64 (ids, version), a Decimal(18, 2), a Date,
    /// 2 DateTime, a UInt32 and a UInt8.
    static let fixedBytes = 5 * 8 + 8 + 2 + 2 * 4 + 4 + 1
}
