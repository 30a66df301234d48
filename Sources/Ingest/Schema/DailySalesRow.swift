import ClickHouseHTTP
import Foundation

/// One row of `fact_qtickets_sales_daily`: day × event × show × city.
///
/// These rows are never streamed from a window's orders: a window sees only the orders that
/// changed, and a day's total must cover all of that day's tickets. They are recomputed inside
/// ClickHouse from `fact_qtickets_tickets` (see ``Warehouse/recomputeDailySales(days:version:)``);
/// this type declares the table, and its fields say what a row holds.
public struct DailySalesRow: Sendable, Equatable {
    public var salesDay: UInt16
    public var saleTimestamp: UInt32
    public var eventID: UInt64
    public var showID: UInt64
    public var city: String
    public var ticketsSold: UInt64
    public var revenue: Decimal

    /// The partition of a row: its month, `YYYYMM` (``SalesCalendar/month(_:)`` of its day).
    static let monthPartition = "toYYYYMM(sales_date)"

    /// Partitioned by month so a month can be swapped atomically (`REPLACE PARTITION`).
    public static let table = TableDefinition(
        name: "fact_qtickets_sales_daily",
        columns: [
            ColumnDefinition("sales_date", .date),
            ColumnDefinition("sale_ts", .dateTime(timeZone: nil)),
            ColumnDefinition("event_id", .uInt64),
            ColumnDefinition("show_id", .uInt64),
            ColumnDefinition("city", .string),
            ColumnDefinition("tickets_sold", .uInt64),
            ColumnDefinition("revenue", .decimal(precision: 18, scale: 2)),
            ColumnDefinition("version", .uInt64),
        ],
        orderBy: ["sales_date", "event_id", "show_id", "city"],
        partitionBy: monthPartition,
        versionColumn: "version"
    )
}
