import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import QTicketsFake

/// Not a timed test: prints how many keyset pages per second the fake serves to one sequential
/// client (`where updated_at >= A, id > cursor`, `orderBy id asc`, always `page: 1`), the way
/// the ingester walks a window. Opt-in like `ServingBenchmark`:
/// `QT_FAKE_BENCH=1 swift test --filter KeysetBenchmark` (add `-c release -Xswiftc -enable-testing`
/// for release numbers; `QT_FAKE_BENCH_ORDERS` sets the size, default 100k).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QT_FAKE_BENCH"] != nil))
struct KeysetBenchmark {
    @Test func keysetWalkOf100kOrders() async throws {
        let orders = Int(ProcessInfo.processInfo.environment["QT_FAKE_BENCH_ORDERS"] ?? "") ?? 100_000
        let o = Organiser.generate(
            OrganiserSpec(seed: 1, events: 200, orders: orders, historyHours: 24 * 365), now: Fixtures.now)
        let from = FakeTimestamp.format(o.nowEpoch - 24 * 365 * 3600)
        try await FakeHarness.with(o) { fake in
            let clock = ContinuousClock()
            let start = clock.now
            var cursor = 0
            var pages = 0
            var rows = 0
            while true {
                let body = """
                    {"where":[{"column":"updated_at","operator":">=","value":"\(from)"},\
                    {"column":"id","operator":">","value":\(cursor)}],"orderBy":{"id":"asc"},"page":1}
                    """
                let reply = try await fake.get("orders", body: body)
                let ids = reply.data.compactMap { $0["id"] as? Int }
                guard let last = ids.last else { break }
                pages += 1
                rows += ids.count
                cursor = last
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            #expect(rows == o.orderCount)
            print(String(format: "keyset walk: %d orders in %d pages, %.2f s = %.1f pages/s (one sequential client)",
                rows, pages, seconds, Double(pages) / seconds))
        }
    }
}
