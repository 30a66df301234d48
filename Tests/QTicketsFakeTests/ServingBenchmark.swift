import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import QTicketsFake

/// Not a timed test: prints the fake's generation time and serving rate for a 100k-order
/// organiser (4 concurrent keep-alive clients fetching every orders page). Opt-in, because
/// it is slow in debug builds: `QT_FAKE_BENCH=1 swift test -c release -Xswiftc -enable-testing
/// --filter ServingBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QT_FAKE_BENCH"] != nil))
struct ServingBenchmark {
    @Test func servingRateOf100kOrders() async throws {
        let orders = Int(ProcessInfo.processInfo.environment["QT_FAKE_BENCH_ORDERS"] ?? "") ?? 100_000
        let clock = ContinuousClock()
        var organiser: Organiser?
        let generation = clock.measure {
            organiser = Organiser.generate(
                OrganiserSpec(seed: 1, events: 200, orders: orders, historyHours: 24 * 365), now: Fixtures.now)
        }
        let o = try #require(organiser)
        let truthTime = clock.measure { _ = o.groundTruth() }
        print("generate \(orders) orders (\(o.basketCount) tickets): \(generation); ground truth: \(truthTime)")

        let server = try await FakeQTicketsServer.start(organiser: o, token: FakeHarness.token)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client }
        let pages = (orders + 49) / 50
        for (label, whereJSON) in [
            ("unfiltered", ""),
            ("where updated_at >= (cached selection)", "\"where\":[{\"column\":\"updated_at\",\"operator\":\">=\",\"value\":\"2000-01-01T00:00:00+03:00\"}],"),
        ] {
            let next = Counter()
            let start = clock.now
            let bytes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var total = 0
                        while let page = await next.take(limit: pages) {
                            var request = HTTPClientRequest(url: server.baseURL + "/orders")
                            request.headers.add(name: "Authorization", value: "Bearer \(FakeHarness.token)")
                            request.body = .bytes(ByteBuffer(string: "{\(whereJSON)\"orderBy\":{\"id\":\"asc\"},\"page\":\(page)}"))
                            let response = try await client.execute(request, timeout: .seconds(60))
                            guard response.status == .ok else { throw FakeHarness.HarnessError.unexpected("\(response.status)") }
                            total += try await response.body.collect(upTo: 16 << 20).readableBytes
                        }
                        return total
                    }
                }
                return try await group.reduce(0, +)
            }
            let seconds = Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
            let rate = Double(pages) / seconds
            print(
                String(
                    format: "%@: %d pages in %.2f s = %.0f pages/s, %.0f orders/s, %.1f MB/s (4 concurrent AHC clients, same machine)",
                    label, pages, seconds, rate, rate * 50, Double(bytes) / seconds / 1e6))
        }
        let stats = await server.stats()
        #expect(stats.ordersServed == 2 * orders)
        try await client.shutdown()
        try await server.shutdown()
    }
}

/// Hands out page numbers 1...limit to concurrent workers.
actor Counter {
    private var value = 0
    func take(limit: Int) -> Int? {
        guard value < limit else { return nil }
        value += 1
        return value
    }
}
