import ClientSupport
import Foundation
import Logging
import QTicketsAPI
import QTicketsFake

/// Fetch-only throughput: a generated organiser served by the in-process fake on loopback,
/// listed in full by a `QTicketsClient` with no effective rate limit. Client and server share the
/// machine's cores, so this is a floor for the client alone.
enum FetchBenchmark {
    static func run(orders: Int, concurrency: Int) async throws {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let generationStart = ContinuousClock.now
        let organiser = Organiser.generate(OrganiserSpec(seed: 1, events: 200, orders: orders, historyHours: 8760), now: now)
        print("generated \(organiser.orderCount) orders in \(generationStart.duration(to: .now).inSeconds) s")
        let token = "bench-token"
        let server = try await FakeQTicketsServer.start(organiser: organiser, token: token)
        var configuration = QTicketsConfiguration(
            baseURL: try ServiceURL(server.baseURL), token: Secret(token), requestsPerSecond: 1_000_000, burst: 1_000_000,
            concurrency: concurrency)
        configuration.prefetchPages = concurrency * 2
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let client = try QTicketsClient(configuration: configuration, logger: logger)

        let start = ContinuousClock.now
        var count = 0
        var tickets = 0
        // The whole history, as a backfill reads it: keyset streams over time sub-ranges.
        let range = KeysetRange(column: "updated_at", from: now.addingTimeInterval(-8_761 * 3_600))
        try await client.orderPages(in: range, splittingUntil: now) { page in
            count += page.orders.count
            tickets += page.orders.reduce(0) { $0 + $1.baskets.count }
        }
        let elapsed = start.duration(to: .now).inSeconds
        let stats = await server.stats()
        try await client.shutdown()
        try await server.shutdown()
        let pages = stats.byRoute["orders"] ?? 0
        print("fetched \(count) orders (\(tickets) tickets) in \(pages) pages: \(f3(elapsed)) s, "
            + "\(f1(Double(pages) / elapsed)) pages/s, \(f0(Double(count) / elapsed)) orders/s "
            + "(concurrency \(concurrency), \(stats.totalRequests) requests, rejected \(stats.rejectedByRateLimit))")
    }
}
