import Benchmark
import Foundation
import QTicketsAPI

// Decoding of realistic order pages (50 orders, 1–4 tickets each, personal fields, PHP quirks):
// the reference path (Foundation JSONDecoder + the lenient models) next to the fast decoder the
// client uses (FastPageDecoder), on the same pages. The side-by-side comparison with Python's
// json.loads on the same bytes is scripts/bench-decode.sh; this suite tracks both over time.

let benchmarks: @Sendable () -> Void = {
    var generator = OrderPageGenerator(state: 42)
    let pages: [Data] = (1...20).map { Data(generator.page($0, total: 1_000).utf8) }
    let bytes = pages.reduce(0) { $0 + $1.count }
    let megabytes = Double(bytes) / 1e6
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal], maxDuration: .seconds(5), maxIterations: 200)

    // One iteration decodes 20 pages = 1,000 orders: orders/s = 1,000 × throughput.
    let decoders: [(name: String, decode: @Sendable (Data) throws -> DecodedPage<Order>)] = [
        ("Reference JSONDecoder", PageDecoder.orders), ("FastPageDecoder", FastPageDecoder.orders),
    ]
    for (name, decode) in decoders {
        Benchmark(
            "\(name): 20 order pages = 1,000 orders (\(String(format: "%.2f", megabytes)) MB per iteration)",
            configuration: configuration
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                var orders = 0
                for page in pages { orders += try decode(page).rows.count }
                blackHole(orders)
            }
        }
    }
}
