import Benchmark
import ClickHouseHTTP
import ClickHouseHTTPFixtures
import Foundation
import NIOCore

let rowsPerIteration = 100_000

let benchmarks: @Sendable () -> Void = {
    let rows = (0..<1_000).map { SaleRow($0) }
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
