import Foundation
import ClickHouseHTTP
import Logging

extension ClickHouseTestEnvironment {
    /// A client of the test server as the ingester's user, without `?database=`: every test
    /// statement names `db.table` (the database may not exist yet). Shut it down when done.
    public func client(logger: Logger = Logger(label: "test")) throws -> ClickHouseClient {
        try ClickHouseClient(configuration: try configuration(), logger: logger)
    }

    /// A fresh database name (`prefix` + 12 hex digits), unique per test.
    public static func scratchDatabaseName(prefix: String = "it_") -> String {
        prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }

    /// Runs `body` with a client and a fresh database name, then drops the database and shuts
    /// the client down (awaited). The database itself is created by whoever needs it.
    public static func withScratchDatabase<T>(
        prefix: String = "it_", _ body: (ClickHouseClient, String) async throws -> T
    ) async throws -> T {
        let client = try load().client()
        let database = scratchDatabaseName(prefix: prefix)
        return try await withCleanup {
            try await body(client, database)
        } cleanup: {
            try? await client.execute("DROP DATABASE IF EXISTS \(SQLQuoting.identifier(database))")
            try await client.shutdown()
        }
    }
}
