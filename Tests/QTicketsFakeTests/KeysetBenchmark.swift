import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import QTicketsFake

/// Not a timed test: prints how many keyset pages per second the fake serves to one sequential
/// client (`where updated_at >= A, id > cursor`, `orderBy id asc`, always `page: 1`), the way
/// the ingester walks a window, over HTTP and without it. Opt-in like `ServingBenchmark`:
/// `QT_FAKE_BENCH=1 swift test --filter KeysetBenchmark` (add `-c release -Xswiftc -enable-testing`
/// for release numbers; `QT_FAKE_BENCH_ORDERS` sets the size, default 100k).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QT_FAKE_BENCH"] != nil), .serialized)
struct KeysetBenchmark {
    static let organiser = Organiser.generate(
        OrganiserSpec(
            seed: 1, events: 200, orders: Int(ProcessInfo.processInfo.environment["QT_FAKE_BENCH_ORDERS"] ?? "") ?? 100_000,
            historyHours: 24 * 365),
        now: Fixtures.now)

    /// Walks every order by keyset with `fetch` (a page body → the page's text); prints the rate.
    static func walk(_ label: String, fetch: (String) async throws -> String) async throws {
        let from = FakeTimestamp.format(organiser.nowEpoch - 24 * 365 * 3600)
        let clock = ContinuousClock()
        let start = clock.now
        var (cursor, pages, rows) = (0, 0, 0)
        while true {
            let body = """
                {"where":[{"column":"updated_at","operator":">=","value":"\(from)"},\
                {"column":"id","operator":">","value":\(cursor)}],"orderBy":{"id":"asc"},"page":1}
                """
            guard let (last, count) = lastOrderID(try await fetch(body)) else { break }
            pages += 1
            rows += count
            cursor = last
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        #expect(rows == organiser.orderCount)
        print(String(format: "keyset walk %@: %d orders in %d pages, %.2f s = %.1f pages/s, %.0f µs per page",
            label, rows, pages, seconds, Double(pages) / seconds, seconds / Double(max(1, pages)) * 1e6))
    }

    @Test func keysetWalkOverHTTP() async throws {
        try await FakeHarness.with(Self.organiser) { fake in
            try await Self.walk("over HTTP (one sequential client)") { try await fake.get("orders", body: $0).text }
        }
    }

    /// The server's own cost per page (parse, select, render).
    @Test func keysetWalkWithoutHTTP() async throws {
        let snapshot = ServingSnapshot(Self.organiser)
        try await Self.walk("without HTTP") { body in
            let query = try ListQuery.parse(ByteBuffer(string: body))
            let page = FakeRouter.respond(route: .orders, query: query, snapshot: snapshot, allocator: .init())
            return String(buffer: page.wholeBody ?? ByteBuffer())
        }
    }

    /// The last order's id and the number of orders, without parsing the page: each order
    /// starts `{"id":N,"uniqid":`, so that parsing 150 kB per page does not hide the server's cost.
    static func lastOrderID(_ page: String) -> (Int, Int)? {
        let bytes = Array(page.utf8)
        let marker = Array(",\"uniqid\":".utf8)
        var count = 0
        var lastStart: Int?
        var i = 0
        while i + marker.count <= bytes.count {
            if bytes[i] == marker[0], bytes[i..<(i + marker.count)].elementsEqual(marker) {
                count += 1
                lastStart = i
                i += marker.count
            } else {
                i += 1
            }
        }
        guard var end = lastStart else { return nil }
        var id = 0
        var scale = 1
        while end > 0, bytes[end - 1] >= 48, bytes[end - 1] <= 57 {
            end -= 1
            id += Int(bytes[end] - 48) * scale
            scale *= 10
        }
        return (id, count)
    }
}
