import ClientSupport
import Foundation
import QTicketsAPI

// Decoding throughput of realistic order pages: QTicketsAPI's decoder (Foundation JSONDecoder
// plus the lenient models) side by side with Python's json.loads on the very same bytes, in the
// same run. Not a timed test: a measurement to read. Usage: qtickets-bench-decode [pages] [rounds]
// `qtickets-bench-decode fetch [orders] [concurrency]`: fetch-only throughput against the fake.

let arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "fetch" {
    // qtickets-bench-decode fetch [orders] [concurrency]
    let orders = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
    let concurrency = arguments.count > 3 ? Int(arguments[3]) ?? 8 : 8
    try await FetchBenchmark.run(orders: orders, concurrency: concurrency)
    exit(0)
}
let pageCount = arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3

var generator = OrderPageGenerator(state: 42)
let pages: [Data] = (1...pageCount).map { Data(generator.page($0, total: pageCount * 50).utf8) }
let totalBytes = pages.reduce(0) { $0 + $1.count }
let megabytes = Double(totalBytes) / 1_048_576

func f0(_ x: Double) -> String { String(format: "%.0f", x) }
func f1(_ x: Double) -> String { String(format: "%.1f", x) }
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
func pad(_ s: String) -> String { s.count >= 34 ? s : s + String(repeating: " ", count: 34 - s.count) }

@MainActor func measure(_ label: String, _ body: () throws -> Int) rethrows -> Double {
    var best = Double.infinity
    var orders = 0
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        orders = try body()
        best = min(best, start.duration(to: .now).inSeconds)
    }
    print("\(pad(label)) \(f1(megabytes / best)) MB/s  \(f0(Double(orders) / best)) orders/s  (\(orders) orders, best of \(rounds): \(f3(best)) s)")
    return megabytes / best
}

print("\(pageCount) pages, \(f1(megabytes)) MB, \(pageCount * 50) orders (avg \(f0(Double(totalBytes) / Double(pageCount * 50))) bytes/order)")

let modelRate = try measure("QTicketsAPI PageDecoder.orders") {
    var orders = 0
    for page in pages {
        let decoded = try PageDecoder.orders(page)
        precondition(decoded.failures.isEmpty, "generator produced an undecodable order")
        orders += decoded.rows.count
    }
    return orders
}

let serializationRate = try measure("Foundation JSONSerialization") {
    var orders = 0
    for page in pages {
        let object = try JSONSerialization.jsonObject(with: page) as? [String: Any]
        orders += (object?["data"] as? [Any])?.count ?? 0
    }
    return orders
}

// Python on the same bytes: one page per line in a temporary file.
let file = FileManager.default.temporaryDirectory.appendingPathComponent("qtickets-bench-\(getpid()).jsonl")
var joined = Data()
for page in pages {
    joined.append(page)
    joined.append(0x0A)
}
try joined.write(to: file)
defer { try? FileManager.default.removeItem(at: file) }
let script = """
    import json, sys, time
    lines = open(sys.argv[1], 'rb').read().split(b'\\n')[:-1]
    mb = sum(len(l) for l in lines) / 1048576
    best = float('inf'); n = 0
    for _ in range(int(sys.argv[2])):
        t = time.perf_counter(); n = 0
        for l in lines:
            n += len(json.loads(l)['data'])
        best = min(best, time.perf_counter() - t)
    print(f"{mb / best:.3f} {n / best:.0f} {best:.4f} {sys.version.split()[0]}")
    """
let python = Process()
python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
python.arguments = ["python3", "-c", script, file.path, String(rounds)]
let pipe = Pipe()
python.standardOutput = pipe
try python.run()
python.waitUntilExit()
let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
let fields = output.split(separator: " ").map(String.init)
if python.terminationStatus == 0, fields.count >= 4, let pyRate = Double(fields[0]), let pyOrders = Double(fields[1]) {
    let version = fields[3].trimmingCharacters(in: .whitespacesAndNewlines)
    print("\(pad("Python \(version) json.loads")) \(f1(pyRate)) MB/s  \(f0(pyOrders)) orders/s  (best of \(rounds): \(fields[2]) s)")
    print("ratio QTicketsAPI / json.loads: \(f3(modelRate / pyRate))   (JSONSerialization / json.loads: \(f3(serializationRate / pyRate)))")
} else {
    print("python3 json.loads: not measured (\(output))")
}
