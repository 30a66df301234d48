import Foundation
import Logging
import QTicketsFake
@testable import QTicketsAPI

/// A running `QTicketsFake` server plus a real `QTicketsClient` (AsyncHTTPClient, loopback):
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

    /// Starts a fake serving `organiser` (stop it with `stop()`).
    static func start(_ organiser: Organiser, faults: FaultPlan = .none) async throws -> FakeAPI {
        let server = try await FakeQTicketsServer.start(organiser: organiser, token: token, faults: faults, threads: 1)
        return FakeAPI(server: server, organiser: organiser)
    }

    func stop() async throws {
        try await server.shutdown()
    }

    /// A real client on the fake (shut it down with `shutdown()`).
    func client(
        token: String = FakeAPI.token, rps: Double = 500, burst: Int = 50, concurrency: Int = 8,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 12, baseDelay: .milliseconds(20), maxDelay: .milliseconds(300), deadline: .seconds(60))
    ) throws -> QTicketsClient {
        var configuration = QTicketsConfiguration(
            baseURL: server.baseURL, token: token, requestsPerSecond: rps, burst: burst, concurrency: concurrency,
            requestTimeout: .seconds(10), retry: retry)
        configuration.connectTimeout = .seconds(5)
        return try QTicketsClient(configuration: configuration, logger: logs.logger(level: .debug), observer: observer)
    }

    var tokenLeaked: Bool { logs.all.contains { $0.rendered.contains(Self.token) } }
}
