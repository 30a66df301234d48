import ClickHouseHTTP
import ClickHouseHTTPFixtures
import ClientSupport
import Foundation
import Logging

// The writer's side of scripts/bench-writer.sh.
//
//   qtickets-bench-writer ddl                      print CREATE TABLE for the benchmark table
//   qtickets-bench-writer generate ROWS FILE       write ROWS rows as RowBinary to FILE (curl's input)
//   qtickets-bench-writer insert ROWS none|gzip:L  insert ROWS rows through BatchingInserter
//   qtickets-bench-writer encode ROWS              encoder throughput only (no network)
//
// ClickHouse comes from CLICKHOUSE_HOST / _USER / _PASSWORD / _DB. Results are printed as
// `key=value` lines for the script to parse.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 2 else { fail("usage: qtickets-bench-writer ddl|generate|insert|encode ...") }
let env = ProcessInfo.processInfo.environment
let database = env["CLICKHOUSE_DB"] ?? "zakaz"

func rowsArgument() -> Int {
    guard args.count >= 3, let n = Int(args[2]), n > 0 else { fail("ROWS must be a positive integer") }
    return n
}

/// The producer loop, off the main actor (top-level code runs on it, and a hop between the
/// main thread and the inserter for every row would measure thread switches, not the writer).
/// `BENCH_CHUNK` > 1 hands rows over in chunks (`append(contentsOf:)`, one actor hop per chunk),
/// as a producer that transforms a page of API results at a time would.
func produce(_ rows: Int, into inserter: BatchingInserter<SaleRow>) async throws {
    let chunk = max(1, Int(ProcessInfo.processInfo.environment["BENCH_CHUNK"] ?? "") ?? 1)
    if chunk == 1 {
        for i in 0..<rows {
            try await inserter.append(SaleRow(i))
        }
    } else {
        var start = 0
        while start < rows {
            let end = min(start + chunk, rows)
            try await inserter.append(contentsOf: (start..<end).map { SaleRow($0) })
            start = end
        }
    }
}

switch args[1] {
case "ddl":
    print(SaleRow.table.createTableSQL(database: database))
    print(SaleRow.table.insertSQL(database: database))

case "generate":
    let rows = rowsArgument()
    guard args.count >= 4 else { fail("generate ROWS FILE") }
    guard FileManager.default.createFile(atPath: args[3], contents: nil),
        let handle = FileHandle(forWritingAtPath: args[3])
    else { fail("cannot write \(args[3])") }
    var writer = RowBinaryWriter(capacity: 8 << 20)
    for i in 0..<rows {
        try writer.write(SaleRow(i), validate: i == 0)
        if writer.byteCount >= 4 << 20 || i == rows - 1 {
            handle.write(Data(writer.buffer.readableBytesView))
            writer.clear()
        }
    }
    try handle.close()

case "encode":
    let rows = rowsArgument()
    let sample = (0..<1_000).map { SaleRow($0) }
    var writer = RowBinaryWriter(capacity: 8 << 20)
    var bytes = 0
    let start = ContinuousClock.now
    for i in 0..<rows {
        try writer.write(sample[i % sample.count], validate: false)
        if writer.byteCount >= 4 << 20 {
            bytes += writer.byteCount
            writer.clear()
        }
    }
    bytes += writer.byteCount
    let elapsed = (ContinuousClock.now - start).inSeconds
    print("encode_rows=\(rows)")
    print("encode_bytes=\(bytes)")
    print("encode_seconds=\(elapsed)")
    print("encode_mb_per_s=\(Double(bytes) / elapsed / 1e6)")
    print("encode_rows_per_s=\(Double(rows) / elapsed)")

case "insert":
    let rows = rowsArgument()
    guard args.count >= 4 else { fail("insert ROWS none|gzip:LEVEL") }
    let compression: Compression
    if args[3] == "none" {
        compression = .none
    } else if args[3].hasPrefix("gzip:"), let level = Int(args[3].dropFirst(5)) {
        compression = .gzip(level: level)
    } else {
        fail("compression must be none or gzip:LEVEL")
    }
    guard let host = env["CLICKHOUSE_HOST"], let url = try? ServiceURL(host), let user = env["CLICKHOUSE_USER"] else {
        fail("CLICKHOUSE_HOST (an http(s) URL) and CLICKHOUSE_USER must be set")
    }
    var logger = Logger(label: "bench-writer")
    logger.logLevel = .warning
    let client = try ClickHouseClient(
        configuration: ClickHouseConfiguration(
            url: url, user: user, password: Secret(env["CLICKHOUSE_PASSWORD"] ?? ""), database: database),
        logger: logger)
    let batchRows = Int(env["BENCH_BATCH_ROWS"] ?? "") ?? 100_000
    let inserter = BatchingInserter<SaleRow>(
        client: client, database: database,
        configuration: BatchingConfiguration(
            maxRows: batchRows, maxBytes: 16 << 20, compression: compression, maxInFlightBytes: 24 << 20),
        logger: logger)
    let start = ContinuousClock.now
    try await produce(rows, into: inserter)
    let stats = try await inserter.finish()
    let elapsed = (ContinuousClock.now - start).inSeconds
    try await client.shutdown()
    print("insert_rows=\(stats.rows)")
    print("insert_batches=\(stats.batches)")
    print("insert_raw_bytes=\(stats.rawBytes)")
    print("insert_sent_bytes=\(stats.compressedBytes)")
    print("insert_retries=\(stats.retries)")
    print("insert_seconds=\(elapsed)")
    print("insert_rows_per_s=\(Double(stats.rows) / elapsed)")

default:
    fail("unknown mode \(args[1])")
}
