import ClientSupport
import Foundation
import Logging
import QTicketsFake
import TestSupport
@testable import QTicketsAPI

/// A running `QTicketsFake` server plus real `QTicketsClient`s (AsyncHTTPClient, loopback):
/// the client-vs-fake tests go through the whole stack, sockets included.
struct FakeAPI {
    static let token = "fake-api-token-\u{1F511}-never-logged"
    static let now = Date(timeIntervalSince1970: 1_764_000_000)  // fixed: deterministic organisers

    let server: FakeQTicketsServer
    let organiser: Organiser
    let logs = CapturedLogs()
    let observer = RecordingObserver()

    static func organiser(orders: Int, events: Int = 12, seed: UInt64 = 7) -> Organiser {
        Organiser.generate(OrganiserSpec(seed: seed, events: events, maxShowsPerEvent: 3, orders: orders), now: now)
    }

    /// Runs `body` with a fake serving `organiser`, stopped afterwards whatever happens.
    @discardableResult
    static func with<T>(
        _ organiser: Organiser, faults: FaultPlan = .none, options: FakeServerOptions = FakeServerOptions(),
        _ body: (FakeAPI) async throws -> T
    ) async throws -> T {
        let server = try await FakeQTicketsServer.start(organiser: organiser, token: token, faults: faults, options: options, threads: 1)
        let api = FakeAPI(server: server, organiser: organiser)
        return try await withCleanup { try await body(api) } cleanup: { try await server.shutdown() }
    }

    /// Runs `body` with a real client on the fake, shut down afterwards whatever happens.
    @discardableResult
    func withClient<T>(
        token: String = FakeAPI.token, rps: Double = 500, burst: Int = 50, concurrency: Int = 8, pageSize: Int? = 500,
        _ body: (QTicketsClient) async throws -> T
    ) async throws -> T {
        var configuration = QTicketsConfiguration(
            baseURL: try ServiceURL(server.baseURL), token: Secret(token), requestsPerSecond: rps, burst: burst,
            concurrency: concurrency, requestTimeout: .seconds(10),
            retry: Backoff(maxAttempts: 12, baseDelay: .milliseconds(20), maxDelay: .milliseconds(300), deadline: .seconds(60)))
        configuration.connectTimeout = .seconds(5)
        configuration.pageSize = pageSize
        let client = try QTicketsClient(configuration: configuration, logger: logs.logger(level: .debug), observer: observer)
        return try await withCleanup { try await body(client) } cleanup: { try await client.shutdown() }
    }

    /// Every order of a listing, in the order it arrived.
    static func ids(_ sequence: OrderSequence) async throws -> [Int] {
        var ids: [Int] = []
        for try await order in sequence { ids.append(order.id) }
        return ids
    }

    var tokenLeaked: Bool { logs.all.contains { $0.rendered.contains(Self.token) } }
}
