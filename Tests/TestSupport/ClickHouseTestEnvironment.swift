import Foundation

/// The real ClickHouse the tests run against, as `scripts/clickhouse.sh start` describes it in
/// its env file: `QT_CLICKHOUSE_ENV` (exported by `scripts/test.sh`), else the repository's
/// `.local/clickhouse/env`. Parsed here only; without a server the tests fail loudly, they
/// never skip.
public struct ClickHouseTestEnvironment: Sendable {
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "no ClickHouse for the tests (\(path) is missing): run scripts/test.sh, or scripts/clickhouse.sh start first"
        }
    }

    /// The env file itself, to hand to `qtickets-ingest --envfile`.
    public let envFile: String
    public let url: String
    public let user: String
    public let password: String
    public let database: String
    /// The only databases the ingester's user may use (`CLICKHOUSE_TEST_DATABASES`): tests lease
    /// theirs from ``DatabasePool``.
    public let testDatabases: [String]
    /// `CLICKHOUSE_CLUSTER` of a cluster's env file (`scripts/cluster.sh`): databases are then
    /// dropped `ON CLUSTER`. `nil`: one server.
    public let cluster: String?

    public static func load() throws -> ClickHouseTestEnvironment {
        let path = ProcessInfo.processInfo.environment["QT_CLICKHOUSE_ENV"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Repository.url(".local/clickhouse/env").path
        return try load(envFile: path)
    }

    /// The server an env file of `scripts/clickhouse.sh start` describes (a test's own server
    /// writes one into its `QT_CH_DIR`).
    public static func load(envFile path: String) throws -> ClickHouseTestEnvironment {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Missing(path: path) }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        guard let url = values["CLICKHOUSE_HOST"], let user = values["CLICKHOUSE_USER"], let password = values["CLICKHOUSE_PASSWORD"]
        else { throw Missing(path: path) }
        return ClickHouseTestEnvironment(
            envFile: path, url: url, user: user, password: password, database: values["CLICKHOUSE_DB"] ?? "zakaz",
            testDatabases: (values["CLICKHOUSE_TEST_DATABASES"] ?? "").split(separator: ",").map(String.init),
            cluster: values["CLICKHOUSE_CLUSTER"].flatMap { $0.isEmpty ? nil : $0 })
    }
}
