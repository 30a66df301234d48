import ClientSupport
import Foundation
import Logging
import Testing
@testable import QTicketsAPI

/// The AsyncHTTPClient transport on real sockets, without a server: connection errors are
/// retried, then reported as typed network errors that carry no token.
@Suite struct HTTPTransportTests {
    static var unreachable: QTicketsConfiguration {
        get throws { QTicketsConfiguration(baseURL: try ServiceURL("http://127.0.0.1:1/api"), token: Secret("t")) }
    }

    @Test func connectionRefusedIsRetriedThenTyped() async throws {
        let logs = CapturedLogs()
        let observer = RecordingObserver()
        var configuration = QTicketsConfiguration(
            baseURL: try ServiceURL("http://127.0.0.1:1/api/rest/v1"), token: Secret(ClientFactory.token),
            retry: Backoff(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5)))
        configuration.connectTimeout = .milliseconds(300)  // AHC keeps retrying a refused connect until this passes
        let client = try QTicketsClient(configuration: configuration, logger: logs.logger(), observer: observer)
        do {
            _ = try await client.order(id: 1)
            Issue.record("expected a failure")
        } catch let error as QTicketsError {
            guard case .retriesExhausted("orders/{id}", 3, .network("orders/{id}", _)) = error else {
                Issue.record("unexpected \(error)")
                try await client.shutdown()
                return
            }
            #expect(!"\(error)".contains(ClientFactory.token))
        }
        try await client.shutdown()
        #expect(observer.attempts.map(\.status) == [nil, nil, nil])
        #expect(logs.all.filter { $0.message == "Temporary QTickets API error" }.count == 2)
        #expect(!logs.all.contains { $0.rendered.contains(ClientFactory.token) })
    }

    @Test func unusedClientNeedsNoShutdownAndShutdownIsIdempotent() async throws {
        // A run that fails on its configuration drops its API client unused: that must not trip
        // AsyncHTTPClient's debug-build "not shut down" check (it would crash this test process).
        do {
            _ = try QTicketsClient(configuration: Self.unreachable, logger: .init(label: "t"))
        }
        let client = try QTicketsClient(configuration: Self.unreachable, logger: .init(label: "t"))
        try await client.shutdown()
        try await client.shutdown()
        await #expect(throws: QTicketsError.self) { _ = try await client.order(id: 1) }
    }
}
