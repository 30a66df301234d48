import ClickHouseHTTP
import Foundation

/// A realistic 12-column fact row (a ticket sale), generated deterministically from its key so
/// tests can compare tables and check exactly-once delivery with `uniqExact(ticket_id)`.
struct SaleRow: RowBinaryRow {
    static let table = TableDefinition(
        name: "sales",
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

    var ticketID: UInt64
    var orderID: UInt64
    var eventID: UInt32
    var showID: UInt32
    var saleEpoch: UInt32
    var city: String
    var eventName: String
    var quantity: UInt16
    var price: Decimal
    var refundedEpoch: UInt32?
    var version: UInt64

    init(_ i: Int, version: UInt64 = 1, price: Decimal? = nil) {
        ticketID = UInt64(i)
        orderID = UInt64(i / 3)
        eventID = UInt32(i % 97)
        showID = UInt32(i % 997)
        saleEpoch = 1_790_000_000 + UInt32(i % 5_000_000)
        city = Self.cities[i % Self.cities.count]
        eventName = "Концерт №\(i % 97)"
        quantity = UInt16(1 + i % 4)
        self.price = price ?? Decimal(1000 + i % 9000) + Decimal(i % 100) / 100
        refundedEpoch = i % 10 == 0 ? saleEpoch + 3600 : nil
        self.version = version
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
