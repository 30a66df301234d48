import ClientSupport
import Foundation
import Logging
import QTicketsAPI
import QTicketsFake

/// Fetch-only throughput: every order of a history listed by a `QTicketsClient` (keyset
/// streams, gzip, big pages, decoding) and dropped: no transform, no insert. Against the
/// in-process fake (`run`), or against a running fake (`fetch`): the bare-fetch reference
/// `scripts/bench-scale.sh` compares the whole run with, same fake, same pages, same run.
enum FetchBenchmark {
    struct Outcome {
        var orders = 0
        var tickets = 0
        var seconds = 0.0
    }

    static func run(orders: Int, concurrency: Int) async throws {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let generationStart = ContinuousClock.now
        let organiser = Organiser.generate(OrganiserSpec(seed: 1, events: 200, orders: orders, historyHours: 8760), now: now)
        print("generated \(organiser.orderCount) orders in \(generationStart.duration(to: .now).inSeconds) s")
        let token = "bench-token"
        let server = try await FakeQTicketsServer.start(
            organiser: organiser, token: token, options: FakeServerOptions(maxPerPage: 1_000))
        let outcome = try await fetch(
            baseURL: server.baseURL, token: token, from: now.addingTimeInterval(-8_761 * 3_600), now: now, concurrency: concurrency)
        let stats = await server.stats()
        try await server.shutdown()
        let pages = stats.byRoute["orders"] ?? 0
        print("fetched \(outcome.orders) orders (\(outcome.tickets) tickets) in \(pages) pages: \(f3(outcome.seconds)) s, "
            + "\(f1(Double(pages) / outcome.seconds)) pages/s, \(f0(Double(outcome.orders) / outcome.seconds)) orders/s "
            + "(concurrency \(concurrency), \(stats.totalRequests) requests, rejected \(stats.rejectedByRateLimit))")
    }

    /// Lists every order updated since `from` as a backfill reads it: keyset streams over time
    /// sub-ranges, `concurrency` at once, no effective rate limit.
    static func fetch(baseURL: String, token: String, from: Date, now: Date, concurrency: Int) async throws -> Outcome {
        var configuration = QTicketsConfiguration(
            baseURL: try ServiceURL(baseURL), token: Secret(token), requestsPerSecond: 1_000_000, burst: 1_000_000,
            concurrency: concurrency)
        configuration.prefetchPages = concurrency * 2
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let client = try QTicketsClient(configuration: configuration, logger: logger)
        let start = ContinuousClock.now
        var outcome = Outcome()
        do {
            try await client.orderPages(in: KeysetRange(column: "updated_at", from: from), splittingUntil: now) { page in
                outcome.orders += page.orders.count
                outcome.tickets += page.orders.reduce(0) { $0 + $1.baskets.count }
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        outcome.seconds = start.duration(to: .now).inSeconds
        try await client.shutdown()
        return outcome
    }
}
