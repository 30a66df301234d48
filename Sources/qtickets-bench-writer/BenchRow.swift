import ClickHouseHTTP
import Foundation

/// The benchmark's realistic 12-column row (a ticket sale), generated from its index so that
/// the writer and the curl baseline insert the very same rows.
struct BenchRow: RowBinaryRow {
    static let table = TableDefinition(
        name: "bench_sales",
        columns: [
            ColumnDefinition("ticket_id", .uInt64),
            ColumnDefinition("order_id", .uInt64),
            ColumnDefinition("event_id", .uInt32),
            ColumnDefinition("show_id", .uInt32),
            ColumnDefinition("sales_date", .date),
            ColumnDefinition("sale_ts", .dateTime(timeZone: "Europe/Moscow")),
            ColumnDefinition("city", .string),
            ColumnDefinition("event_name", .string),
            ColumnDefinition("quantity", .uInt16),
            ColumnDefinition("price", .decimal(precision: 18, scale: 2)),
            ColumnDefinition("refunded_at", .nullable(.dateTime(timeZone: "Europe/Moscow"))),
            ColumnDefinition("version", .uInt64),
        ],
        orderBy: ["ticket_id"], partitionBy: "toYYYYMM(sales_date)", versionColumn: "version")

    static let cities = ["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск"]
    static let eventNames = (0..<97).map { "Концерт №\($0): большой зал" }

    let ticketID: UInt64
    let orderID: UInt64
    let eventID: UInt32
    let showID: UInt32
    let saleEpoch: UInt32
    let city: String
    let eventName: String
    let quantity: UInt16
    let price: Decimal
    let refundedEpoch: UInt32?
    let version: UInt64

    init(_ i: Int) {
        ticketID = UInt64(i)
        orderID = UInt64(i / 3)
        eventID = UInt32(i % 97)
        showID = UInt32(i % 997)
        saleEpoch = 1_790_000_000 + UInt32(i % 5_000_000)
        city = Self.cities[i % Self.cities.count]
        eventName = Self.eventNames[i % 97]
        quantity = UInt16(1 + i % 4)
        price = Decimal(sign: .plus, exponent: -2, significand: Decimal(100_000 + i % 900_000))
        refundedEpoch = i % 10 == 0 ? saleEpoch + 3600 : nil
        version = 1
    }

    func encode(to w: inout RowBinaryWriter) throws {
        w.writeUInt64(ticketID)
        w.writeUInt64(orderID)
        w.writeUInt32(eventID)
        w.writeUInt32(showID)
        w.writeDate(daysSinceEpoch: UInt16(saleEpoch / 86_400))
        w.writeDateTime(epochSeconds: saleEpoch)
        w.writeString(city)
        w.writeString(eventName)
        w.writeUInt16(quantity)
        try w.writeDecimal(price, precision: 18, scale: 2)
        w.writeNullable(refundedEpoch) { $0.writeDateTime(epochSeconds: $1) }
        w.writeUInt64(version)
    }
}
