import ClientSupport
import Foundation
import QTicketsAPI

// Decoding throughput of realistic order pages, three ways on the very same bytes in the same
// run: the reference (Foundation JSONDecoder + the lenient models), the fast decoder
// (FastPageDecoder), and Python's json.loads. Not a timed test: a measurement to read.
// Usage: qtickets-bench-decode [pages] [rounds] [corpus: fake|generator] [fast-only]
// (`fast-only`: just the fast decoder, for profiling it with perf or callgrind).
// `qtickets-bench-decode fetch [orders] [concurrency]`: fetch-only throughput against the fake.
// `qtickets-bench-decode fetch-url BASE_URL TOKEN FROM_EPOCH NOW_EPOCH [concurrency]`: the same
// against a running fake; prints `bare_fetch orders=… tickets=… seconds=…`.
// `qtickets-bench-decode replay BASE_URL TOKEN REQUEST_LOG [concurrency]`: the requests a run made
// (`qtickets-fake serve --request-log`), answered 200, sent again to the same fake (RequestReplay);
// prints `bare_replay requests=… orders=… seats=… events=… seconds=… bytes_wire=…`.

let arguments = CommandLine.arguments
if arguments.count > 5, arguments[1] == "fetch-url" {
    let from = Date(timeIntervalSince1970: Double(arguments[4]) ?? 0)
    let now = Date(timeIntervalSince1970: Double(arguments[5]) ?? 0)
    let concurrency = arguments.count > 6 ? Int(arguments[6]) ?? 8 : 8
    let outcome = try await FetchBenchmark.fetch(baseURL: arguments[2], token: arguments[3], from: from, now: now, concurrency: concurrency)
    print("bare_fetch orders=\(outcome.orders) tickets=\(outcome.tickets) seconds=\(f3(outcome.seconds))")
    exit(0)
}
if arguments.count > 4, arguments[1] == "replay" {
    let concurrency = arguments.count > 5 ? Int(arguments[5]) ?? 4 : 4
    let outcome = try await RequestReplay.run(baseURL: arguments[2], token: arguments[3], logPath: arguments[4], concurrency: concurrency)
    print(
        "bare_replay requests=\(outcome.requests) orders=\(outcome.orders) seats=\(outcome.seats) events=\(outcome.events) "
            + "seconds=\(f3(outcome.seconds)) bytes_wire=\(outcome.bytesWire)")
    exit(0)
}
if arguments.count > 1, arguments[1] == "fetch" {
    let orders = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
    let concurrency = arguments.count > 3 ? Int(arguments[3]) ?? 8 : 8
    try await FetchBenchmark.run(orders: orders, concurrency: concurrency)
    exit(0)
}
let pageCount = arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let corpus = arguments.count > 3 ? arguments[3] : "fake"

let pages: [Data]
var seatLists: [Data] = []
if corpus == "generator" {
    var generator = OrderPageGenerator(state: 42)
    pages = (1...pageCount).map { Data(generator.page($0, total: pageCount * 50).utf8) }
} else {
    (pages, seatLists) = try await FakeCorpus.answers(orders: pageCount * 50)
}
let totalBytes = pages.reduce(0) { $0 + $1.count }
let megabytes = Double(totalBytes) / 1_048_576
let orderCount = try pages.reduce(0) { $0 + (try PageDecoder.orders($1)).rows.count }

func f0(_ x: Double) -> String { String(format: "%.0f", x) }
func f1(_ x: Double) -> String { String(format: "%.1f", x) }
func f2(_ x: Double) -> String { String(format: "%.2f", x) }
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
func pad(_ s: String) -> String { s.count >= 34 ? s : s + String(repeating: " ", count: 34 - s.count) }

/// Best of `rounds`, in seconds per pass over every page.
@MainActor func measure(_ label: String, _ body: () throws -> Int) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        let orders = try body()
        best = min(best, start.duration(to: .now).inSeconds)
        precondition(orders == orderCount, "\(label) decoded \(orders) orders, expected \(orderCount)")
    }
    report(label, seconds: best)
    return best
}

func report(_ label: String, seconds: Double) {
    print("\(pad(label)) \(f1(megabytes / seconds)) MB/s  \(f2(seconds * 1e6 / Double(orderCount))) µs/order  (best of \(rounds): \(f3(seconds)) s)")
}

print("corpus \(corpus): \(pages.count) pages, \(f1(megabytes)) MB, \(orderCount) orders (avg \(f0(Double(totalBytes) / Double(orderCount))) bytes/order)")

if arguments.count > 4, arguments[4] == "fast-only" {
    _ = try measure("fast (FastPageDecoder)") { try pages.reduce(0) { $0 + (try FastPageDecoder.orders($1)).rows.count } }
    exit(0)
}
let reference = try measure("reference (JSONDecoder + models)") {
    try pages.reduce(0) { $0 + (try PageDecoder.orders($1)).rows.count }
}
let fast = try measure("fast (FastPageDecoder)") {
    try pages.reduce(0) { $0 + (try FastPageDecoder.orders($1)).rows.count }
}

if !seatLists.isEmpty {
    let seatCount = try seatLists.reduce(0) { $0 + (try PageDecoder.seats($1)).rows.count }
    let seatBytes = Double(seatLists.reduce(0) { $0 + $1.count }) / 1_048_576
    func seatPass(_ decode: (Data) throws -> DecodedPage<Seat>) throws -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            let decoded = try seatLists.reduce(0) { $0 + (try decode($1)).rows.count }
            best = min(best, start.duration(to: .now).inSeconds)
            precondition(decoded == seatCount)
        }
        return best
    }
    let referenceSeats = try seatPass(PageDecoder.seats)
    let fastSeats = try seatPass(FastPageDecoder.seats)
    print("seat lists: \(seatLists.count) shows, \(seatCount) seats, \(f1(seatBytes)) MB: reference \(f1(seatBytes / referenceSeats)) MB/s "
        + "\(f3(referenceSeats * 1e6 / Double(seatCount))) µs/seat, fast \(f1(seatBytes / fastSeats)) MB/s "
        + "\(f3(fastSeats * 1e6 / Double(seatCount))) µs/seat (fast / reference \(f3(fastSeats / referenceSeats)))")
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
    best = float('inf'); n = 0
    for _ in range(int(sys.argv[2])):
        t = time.perf_counter(); n = 0
        for l in lines:
            n += len(json.loads(l)['data'])
        best = min(best, time.perf_counter() - t)
    print(f"{best:.6f} {n} {sys.version.split()[0]}")
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
if python.terminationStatus == 0, fields.count >= 3, let pySeconds = Double(fields[0]) {
    report("Python \(fields[2].trimmingCharacters(in: .whitespacesAndNewlines)) json.loads", seconds: pySeconds)
    print("ratios (time): fast / reference \(f3(fast / reference)) (\(f1(reference / fast))x faster), "
        + "fast / json.loads \(f3(fast / pySeconds)), reference / json.loads \(f3(reference / pySeconds))")
} else {
    print("python3 json.loads: not measured (\(output))")
}
