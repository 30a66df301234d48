import ClickHouseHTTP
import Foundation

/// One row of `fact_qtickets_sales_daily`: day × event × show × city.
///
/// These rows are never streamed from a window's orders: a window sees only the orders that
/// changed, and a day's total must cover all of that day's tickets. They are recomputed inside
/// ClickHouse from `fact_qtickets_tickets` (see ``Warehouse/recomputeDailySales(days:version:)``);
/// this type declares the table, and its fields say what a row holds.
public struct DailySalesRow: ColumnarRow, Equatable {
    public var salesDay: UInt16
    public var saleTimestamp: UInt32
    public var eventID: UInt64
    public var showID: UInt64
    public var city: String
    public var ticketsSold: UInt64
    public var revenue: Decimal
    public var version: UInt64

    /// The partition of a row: its month, `YYYYMM` (``SalesCalendar/month(_:)`` of its day).
    static let monthPartition = "toYYYYMM(sales_date)"

    public static let columns: [TableColumn<DailySalesRow>] = [
        .salesDate(\.salesDay),
        .dateTime("sale_ts", \.saleTimestamp),
        .eventID(\.eventID),
        .showID(\.showID),
        .city(\.city),
        .uInt64("tickets_sold", \.ticketsSold),
        .money("revenue", \.revenue),
        .version(\.version),
    ]

    /// Partitioned by month so a month can be swapped atomically (`REPLACE PARTITION`).
    public static let table = TableDefinition(
        name: "fact_qtickets_sales_daily", columns: columns, orderBy: ["sales_date", "event_id", "show_id", "city"],
        partitionBy: monthPartition, versionColumn: "version"
    )
}
