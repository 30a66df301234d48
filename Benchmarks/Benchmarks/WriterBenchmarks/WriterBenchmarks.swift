import Benchmark
import ClickHouseHTTP
import Foundation
import NIOCore

/// The realistic 12-column row of a ticket sale (same shape as scripts/bench-writer.sh uses).
struct SaleRow: RowBinaryRow {
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
        orderBy: ["ticket_id"], versionColumn: "version")

    static let cities = ["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск"]

    let ticketID: UInt64, orderID: UInt64, eventID: UInt32, showID: UInt32, saleEpoch: UInt32
    let city: String, eventName: String, quantity: UInt16, price: Decimal, refundedEpoch: UInt32?, version: UInt64

    init(_ i: Int) {
        ticketID = UInt64(i); orderID = UInt64(i / 3); eventID = UInt32(i % 97); showID = UInt32(i % 997)
        saleEpoch = 1_790_000_000 + UInt32(i % 5_000_000)
        city = Self.cities[i % Self.cities.count]
        eventName = "Концерт №\(i % 97): большой зал"
        quantity = UInt16(1 + i % 4)
        price = Decimal(sign: .plus, exponent: -2, significand: Decimal(100_000 + i % 900_000))
        refundedEpoch = i % 10 == 0 ? saleEpoch + 3600 : nil
        version = 1
    }

    func encode(to w: inout RowBinaryWriter) throws {
        w.writeUInt64(ticketID); w.writeUInt64(orderID); w.writeUInt32(eventID); w.writeUInt32(showID)
        w.writeDate(daysSinceEpoch: UInt16(saleEpoch / 86_400)); w.writeDateTime(epochSeconds: saleEpoch)
        w.writeString(city); w.writeString(eventName); w.writeUInt16(quantity)
        try w.writeDecimal(price, precision: 18, scale: 2)
        w.writeNullable(refundedEpoch) { $0.writeDateTime(epochSeconds: $1) }
        w.writeUInt64(version)
    }
}

let rowsPerIteration = 100_000

let benchmarks: @Sendable () -> Void = {
    let rows = (0..<1_000).map(SaleRow.init)
    var probe = RowBinaryWriter()
    for row in rows { try? probe.write(row, validate: false) }
    let bytesPerRow = probe.byteCount / rows.count

    // One iteration encodes 100k rows: MB/s = throughput (iterations/s) × MB per iteration.
    let megabytes = Double(bytesPerRow * rowsPerIteration) / 1e6
    Benchmark(
        "RowBinary encode 100k 12-column rows (\(bytesPerRow) B/row, \(megabytes) MB per iteration)",
        configuration: .init(metrics: [.throughput, .wallClock, .mallocCountTotal],
                             maxDuration: .seconds(5), maxIterations: 50)
    ) { benchmark in
        var writer = RowBinaryWriter(capacity: 16 << 20)
        for _ in benchmark.scaledIterations {
            writer.clear()
            for i in 0..<rowsPerIteration {
                try writer.write(rows[i % rows.count], validate: false)
            }
            blackHole(writer.byteCount)
        }
    }

    Benchmark(
        "gzip level 1 of a 4 MB batch",
        configuration: .init(metrics: [.throughput, .wallClock], maxDuration: .seconds(5), maxIterations: 30)
    ) { benchmark in
        var writer = RowBinaryWriter(capacity: 8 << 20)
        var i = 0
        while writer.byteCount < 4 << 20 { try writer.write(rows[i % rows.count], validate: false); i += 1 }
        let compressor = try GzipCompressor(level: 1)
        var out = ByteBuffer()
        for _ in benchmark.scaledIterations {
            try compressor.compress(writer.buffer, into: &out)
            blackHole(out.readableBytes)
        }
    }
}
