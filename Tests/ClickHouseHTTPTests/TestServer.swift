import ClickHouseHTTP
import Foundation
import Logging
import TestSupport

/// The ClickHouse the tests run against (``ClickHouseTestEnvironment``), with the clients and
/// throwaway databases these tests make on it, each shut down or dropped before the test ends.
struct TestServer: Sendable {
    let environment: ClickHouseTestEnvironment

    var database: String { environment.database }
    var password: String { environment.password }

    /// The shared server; without one the tests fail with how to start it (they never skip).
    static func load() throws -> TestServer {
        TestServer(environment: try ClickHouseTestEnvironment.load())
    }

    static let logger: Logger = {
        var l = Logger(label: "ClickHouseHTTPTests")
        l.logLevel = ProcessInfo.processInfo.environment["QT_TEST_LOG"] == "debug" ? .debug : .warning
        return l
    }()

    /// A client for `etl_writer` (the production user), or `default` when `admin`.
    func client(admin: Bool = false, password: String? = nil, database: String? = nil,
                connectTimeout: Duration = .seconds(2), requestTimeout: Duration = .seconds(30)) throws -> ClickHouseClient {
        try ClickHouseClient(
            configuration: environment.configuration(
                database: database ?? self.database, admin: admin, password: password,
                connectTimeout: connectTimeout, requestTimeout: requestTimeout),
            logger: Self.logger)
    }

    /// Runs `body` with a client that is shut down afterwards, whatever happens.
    func withClient<T>(admin: Bool = false, database: String? = nil, _ body: (ClickHouseClient) async throws -> T) async throws -> T {
        try await Self.withClient(try client(admin: admin, database: database), body)
    }

    /// Runs `body`, then shuts `client` down whatever happens (AsyncHTTPClient traps otherwise).
    static func withClient<T>(_ client: ClickHouseClient, _ body: (ClickHouseClient) async throws -> T) async throws -> T {
        try await withCleanup { try await body(client) } cleanup: { try await client.shutdown() }
    }

    /// Runs `body` with a fresh client and a database made for this test, dropped afterwards.
    /// (A name of the ``DatabasePool``: the writer user may use no other.)
    func withDatabase<T>(_ body: (ClickHouseClient, String) async throws -> T) async throws -> T {
        try await withClient(admin: true, database: "") { admin in
            try await ClickHouseTestEnvironment.withLeasedDatabase(client: admin) { db in
                try await admin.execute("CREATE DATABASE IF NOT EXISTS \(db)")
                return try await withClient(database: db) { try await body($0, db) }
            }
        }
    }
}
