import ClickHouseHTTP
import Foundation
import Logging
import Testing

/// The ClickHouse the tests run against: `QT_CLICKHOUSE_ENV`, else the repository's
/// `.local/clickhouse/env` (written by `scripts/clickhouse.sh start`).
struct TestServer: Sendable {
    let url: String
    let user: String
    let password: String
    let database: String

    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Loads the env file, or records a clear failure (a server test must not skip silently).
    static func load(sourceLocation: SourceLocation = #_sourceLocation) throws -> TestServer {
        let path = ProcessInfo.processInfo.environment["QT_CLICKHOUSE_ENV"]
            ?? repositoryRoot.appendingPathComponent(".local/clickhouse/env").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record(
                "No ClickHouse for the tests: \(path) is missing. Run `scripts/clickhouse.sh start` or set QT_CLICKHOUSE_ENV.",
                sourceLocation: sourceLocation)
            throw TestServerMissing()
        }
        return try TestServer(envFile: text)
    }

    init(envFile text: String) throws {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        guard let url = values["CLICKHOUSE_HOST"], let user = values["CLICKHOUSE_USER"],
            let password = values["CLICKHOUSE_PASSWORD"]
        else { throw TestServerMissing() }
        self.url = url
        self.user = user
        self.password = password
        self.database = values["CLICKHOUSE_DB"] ?? "zakaz"
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
            configuration: ClickHouseConfiguration(
                url: url, user: admin ? "default" : user, password: admin ? "" : (password ?? self.password),
                database: database ?? self.database, connectTimeout: connectTimeout, requestTimeout: requestTimeout),
            logger: Self.logger)
    }

    /// Runs `body` with a client that is shut down afterwards, whatever happens.
    func withClient<T>(admin: Bool = false, database: String? = nil, _ body: (ClickHouseClient) async throws -> T) async throws -> T {
        try await Self.withClient(try client(admin: admin, database: database), body)
    }

    /// Runs `body`, then shuts `client` down whatever happens (AsyncHTTPClient traps otherwise).
    static func withClient<T>(_ client: ClickHouseClient, _ body: (ClickHouseClient) async throws -> T) async throws -> T {
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs `body` with a fresh client and a database made for this test, dropped afterwards.
    func withDatabase<T>(_ body: (ClickHouseClient, String) async throws -> T) async throws -> T {
        let db = "t_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try client(admin: true, database: "default")
        try await admin.execute("CREATE DATABASE IF NOT EXISTS \(db)")
        let client = try client(database: db)
        do {
            let result = try await body(client, db)
            try await client.shutdown()
            try await admin.execute("DROP DATABASE IF EXISTS \(db)")
            try await admin.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            try? await admin.execute("DROP DATABASE IF EXISTS \(db)")
            try? await admin.shutdown()
            throw error
        }
    }
}

struct TestServerMissing: Error {}
