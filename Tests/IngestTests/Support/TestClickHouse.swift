import ClickHouseHTTP
import ClientSupport
import Foundation
import Logging

/// The real ClickHouse that `scripts/clickhouse.sh start` runs (`scripts/test.sh` starts it and
/// exports `QT_CLICKHOUSE_ENV`). Without one the end-to-end tests fail loudly: they never skip.
enum TestClickHouse {
    struct MissingServer: Error, CustomStringConvertible {
        var description: String { "no ClickHouse for the tests: run scripts/test.sh, or scripts/clickhouse.sh start first" }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func envFile() throws -> String {
        if let path = ProcessInfo.processInfo.environment["QT_CLICKHOUSE_ENV"], FileManager.default.fileExists(atPath: path) { return path }
        let local = repositoryRoot.appendingPathComponent(".local/clickhouse/env").path
        guard FileManager.default.fileExists(atPath: local) else { throw MissingServer() }
        return local
    }

    static func settings() throws -> [String: String] {
        let text = try String(contentsOfFile: try envFile(), encoding: .utf8)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return values
    }

    /// Every test query names `db.table`, so no `?database=` (the database may not exist yet).
    static func client() throws -> ClickHouseClient {
        let s = try settings()
        guard let url = s["CLICKHOUSE_HOST"], let user = s["CLICKHOUSE_USER"], let password = s["CLICKHOUSE_PASSWORD"] else { throw MissingServer() }
        return try ClickHouseClient(
            configuration: ClickHouseConfiguration(url: try ServiceURL(url), user: user, password: Secret(password), database: ""),
            logger: Logger(label: "test")
        )
    }
}
