import ClickHouseHTTP
import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import Ingest

/// Issue 9.9: random rows of every table, edge values included (empty and non-ASCII strings,
/// control bytes, maximal integers, the first and last Date and DateTime, decimals at the
/// scale's limits), written as RowBinary by the ingester's own encoders into the real server
/// and read back as RowBinary: the bytes must be the very bytes written, row for row. The seed
/// is printed; rerun a failure with `ROUND_TRIP_SEED=<seed>`.
@Suite(.serialized) struct RowRoundTripPropertyTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["ROUND_TRIP_SEED"].flatMap { UInt64($0) }
        ?? UInt64(Date().timeIntervalSince1970 * 1000)
    static let rowsPerTable = 400

    @Test func randomRowsOfEveryTableComeBackByteForByteFrom18_16() async throws {
        try await ClickHouseTestEnvironment.withScratchDatabase { client, database in
            try await roundTripEveryTable(client, database)
        }
    }

    /// The same rows through ClickHouse 26.x's engine (``ChDBServer``).
    @Test func randomRowsOfEveryTableComeBackByteForByteFromTheCurrentEngine() async throws {
        try await ChDBServer.with { chdb in
            let client = try chdb.environment.client()
            try await withCleanup {
                try await ClickHouseTestEnvironment.withLeasedDatabase(client: client) { try await roundTripEveryTable(client, $0) }
            } cleanup: {
                try await client.shutdown()
            }
        }
    }

    func roundTripEveryTable(_ client: ClickHouseClient, _ database: String) async throws {
        print("RowRoundTripPropertyTests seed: \(Self.seed) (ROUND_TRIP_SEED=\(Self.seed) to repeat)")
        var random = SplitMix64(seed: Self.seed)
        try await client.execute("CREATE DATABASE IF NOT EXISTS \(SQLQuoting.identifier(database))")
        // Each table keyed by a unique integer the test controls (`key`), so that ORDER BY it
        // gives the rows in the order they were generated.
        try await roundTrip(client, database, (0..<Self.rowsPerTable).map { RandomRows.ticket(&random, key: UInt64($0)) }, key: "ticket_id")
        try await roundTrip(client, database, (0..<Self.rowsPerTable).map { RandomRows.daily(&random, key: UInt64($0)) }, key: "event_id")
        try await roundTrip(client, database, (0..<Self.rowsPerTable).map { RandomRows.inventory(&random, key: UInt64($0)) }, key: "show_id")
        try await roundTrip(client, database, (0..<Self.rowsPerTable).map { RandomRows.jobRun(&random, key: $0) }, key: "run_id")
    }

    func roundTrip<Row: RowBinaryRow>(_ client: ClickHouseClient, _ database: String, _ rows: [Row], key: String) async throws {
        let table = Row.table
        try await client.execute(table.createTableSQL(database: database))
        var encoded: [[UInt8]] = []
        var writer = RowBinaryWriter()
        for row in rows {
            let start = writer.buffer.writerIndex
            try row.encode(to: &writer)
            encoded.append(writer.buffer.getBytes(at: start, length: writer.buffer.writerIndex - start) ?? [])
        }
        try await client.insert(sql: table.insertSQL(database: database), body: writer.buffer, compression: .gzip(level: 1))
        let columns = table.columns.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ")
        let back = try await client.queryBytes("SELECT \(columns) FROM \(table.qualifiedName(database: database)) ORDER BY \(key) FORMAT RowBinary")
        let received = Array(back.readableBytesView)
        let written = encoded.flatMap { $0 }
        guard received != written else { return }
        // Name the first row that differs.
        var offset = 0
        for (index, bytes) in encoded.enumerated() {
            if Array(received.dropFirst(offset).prefix(bytes.count)) != bytes {
                Issue.record("\(table.name): row \(index) of seed \(Self.seed) came back different: \(rows[index])")
                return
            }
            offset += bytes.count
        }
        Issue.record("\(table.name): \(received.count) bytes came back for \(written.count) written (seed \(Self.seed))")
    }
}

/// Random rows with their columns' edge values mixed in.
enum RandomRows {
    static let strings = [
        "", "Москва", "Санкт-Петербург", "日本語", "🎫🎭", "tab\there", "new\nline", "back\\slash", "quote'\"", "nul\u{0}byte",
        "\u{7F}\u{80}", String(repeating: "ж", count: 3_000), "ё",
    ]

    static func string(_ random: inout SplitMix64) -> String {
        if random.chance(0.5) { return random.pick(strings) ?? "" }
        let length = random.int(in: 0...40)
        return String(String.UnicodeScalarView((0..<length).compactMap { _ in
            Unicode.Scalar(UInt32(random.chance(0.7) ? random.int(in: 0x20...0x7E) : random.int(in: 0xA0...0xD7FF)))
        }))
    }

    static func uInt64(_ random: inout SplitMix64) -> UInt64 { random.pick([0, 1, UInt64.max, UInt64(Int64.max), random.next()]) ?? 0 }
    static func uInt32(_ random: inout SplitMix64) -> UInt32 { random.pick([0, 1, UInt32.max, UInt32(truncatingIfNeeded: random.next())]) ?? 0 }
    /// Days since 1970: the first and the last a `Date` holds (2149-06-06), and any between.
    static func day(_ random: inout SplitMix64) -> UInt16 { random.pick([0, 1, UInt16.max, UInt16(truncatingIfNeeded: random.next())]) ?? 0 }
    /// The same for the month-partitioned daily table, within a few months: a current server
    /// refuses an insert that spans more than 100 partitions (`max_partitions_per_insert_block`).
    static func partitionedDay(_ random: inout SplitMix64) -> UInt16 { random.pick([0, 1, UInt16.max, 20_000 + UInt16(random.next() % 90)]) ?? 0 }

    /// Non-negative `Decimal(18, 2)`: 0, a kopeck, the largest, and any.
    static func money(_ random: inout SplitMix64) -> Decimal {
        let kopecks = random.pick([0, 1, 99, 100, 999_999_999_999_999_999, random.next() % 1_000_000_000_000_000_000]) ?? 0
        return Decimal(string: "\(kopecks / 100).\(String(format: "%02d", Int(kopecks % 100)))", locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    static func ticket(_ random: inout SplitMix64, key: UInt64) -> TicketRow {
        TicketRow(
            ticketID: key, orderID: uInt64(&random), eventID: uInt64(&random), showID: uInt64(&random), city: string(&random),
            salesDay: day(&random), payedAt: uInt32(&random),
            status: random.pick([.sold, .pending, .cancelled, .ticketCancelled, .refunded]) ?? .sold,
            quantity: uInt32(&random), price: money(&random), orderUpdatedAt: uInt32(&random), version: uInt64(&random))
    }

    static func daily(_ random: inout SplitMix64, key: UInt64) -> DailySalesRow {
        DailySalesRow(
            salesDay: partitionedDay(&random), saleTimestamp: uInt32(&random), eventID: key, showID: uInt64(&random), city: string(&random),
            ticketsSold: uInt64(&random), revenue: money(&random), version: uInt64(&random))
    }

    static func inventory(_ random: inout SplitMix64, key: UInt64) -> InventoryRow {
        InventoryRow(
            snapshotAt: uInt32(&random), eventID: uInt64(&random), eventName: string(&random), showID: key, city: string(&random),
            ticketsTotal: uInt64(&random), ticketsLeft: uInt64(&random), version: uInt64(&random))
    }

    static func jobRun(_ random: inout SplitMix64, key: Int) -> JobRunRow {
        JobRunRow(
            job: string(&random), runID: String(format: "run-%06d", key), startedAt: uInt32(&random),
            finishedAt: random.chance(0.3) ? nil : uInt32(&random), status: random.pick([.running, .ok, .error]) ?? .ok,
            rowsProcessed: uInt64(&random), message: string(&random), metrics: string(&random),
            windowFrom: uInt32(&random), windowTo: uInt32(&random), toolVersion: string(&random), version: uInt64(&random))
    }
}
