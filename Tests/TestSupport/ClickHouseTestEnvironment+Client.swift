import Foundation
import ClickHouseHTTP
import Logging

extension ClickHouseTestEnvironment {
    /// A client of the test server as the ingester's user, without `?database=`: every test
    /// statement names `db.table` (the database may not exist yet). Shut it down when done.
    public func client(logger: Logger = Logger(label: "test")) throws -> ClickHouseClient {
        try ClickHouseClient(configuration: try configuration(), logger: logger)
    }

    /// Runs `body` with a client and a database name of its own, leased from ``DatabasePool``,
    /// dropped before and after; then shuts the client down (awaited). The database itself is
    /// created by whoever needs it. A `prefix` starting with a digit leases a name that starts
    /// with one (the quoting tests); the names themselves are the pool's.
    public static func withScratchDatabase<T>(
        prefix: String = "it_", _ body: (ClickHouseClient, String) async throws -> T
    ) async throws -> T {
        let environment = try load()
        let client = try environment.client()
        return try await withCleanup {
            try await withLeasedDatabase(digitFirst: DatabasePool.startsWithDigit(prefix), client: client, cluster: environment.cluster) {
                try await body(client, $0)
            }
        } cleanup: {
            try await client.shutdown()
        }
    }

    /// Leases a database from ``DatabasePool``, drops it (a crashed run may have left it) and
    /// runs `body`; drops it again and gives it back however `body` ends. On a `cluster` the
    /// drops are `ON CLUSTER`: a replicated table dropped on one replica only would leave the
    /// other replica's copy and its ZooKeeper path, and the next test's table would resync from it.
    public static func withLeasedDatabase<T>(
        digitFirst: Bool = false, client: ClickHouseClient, cluster: String? = nil, _ body: (String) async throws -> T
    ) async throws -> T {
        let database = try await DatabasePool.shared.lease(digitFirst: digitFirst)
        let onCluster = cluster.map { " ON CLUSTER \(SQLQuoting.identifier($0))" } ?? ""
        let drop = "DROP DATABASE IF EXISTS \(SQLQuoting.identifier(database))\(onCluster)"
        return try await withCleanup {
            try await client.execute(drop)
            return try await body(database)
        } cleanup: {
            try? await client.execute(drop)
            await DatabasePool.shared.release(database)
        }
    }
}
