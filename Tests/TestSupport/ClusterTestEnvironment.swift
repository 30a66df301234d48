import ClickHouseHTTP
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The two-replica cluster of `scripts/cluster.sh start`, named by `QT_CLUSTER_ENV` (its env
/// file; `scripts/test.sh` sets it for the cluster step only). Without it the cluster suite is
/// skipped: it needs ZooKeeper and two servers the rest of the suite does not.
///
/// Replica 1 is the one a run pins (`CLICKHOUSE_HOST` of the env file); replica 2's env file
/// (`env.n2`) is the same with replica 2's URL, for a second host's runs.
public struct ClusterTestEnvironment: Sendable {
    /// `[replica 1, replica 2]`.
    public let replicas: [ClickHouseTestEnvironment]
    public let cluster: String

    /// Whether the cluster suite should run.
    public static var isConfigured: Bool {
        !(ProcessInfo.processInfo.environment["QT_CLUSTER_ENV"] ?? "").isEmpty
    }

    public static func load() throws -> ClusterTestEnvironment {
        let path = ProcessInfo.processInfo.environment["QT_CLUSTER_ENV"] ?? Repository.url(".local/cluster/env").path
        let replicas = [try ClickHouseTestEnvironment.load(envFile: path), try ClickHouseTestEnvironment.load(envFile: path + ".n2")]
        guard let cluster = replicas[0].cluster else { throw ClickHouseTestEnvironment.Missing(path: path + " (CLICKHOUSE_CLUSTER)") }
        return ClusterTestEnvironment(replicas: replicas, cluster: cluster)
    }

    /// Runs `scripts/cluster.sh` with `arguments` (`stop-replica 2`, `start-zookeeper`, …),
    /// its output appended to `control.log` beside the env file, and fails when it does.
    ///
    /// Spawned and reaped here rather than through Foundation's `Process`: once, its
    /// `waitUntilExit` never saw the script exit (a zombie, the test spinning for minutes) after
    /// the script had started ZooKeeper in a session of its own.
    public func control(_ arguments: String...) async throws {
        let script = Repository.url("scripts/cluster.sh").path
        let log = URL(fileURLWithPath: replicas[0].envFile).deletingLastPathComponent().appendingPathComponent("control.log").path
        let status = try await Self.spawnAndWait(["/bin/bash", script] + arguments, log: log)
        guard status == 0 else {
            let tail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(2_000)) } ?? ""
            throw ControlFailed(arguments: arguments, output: tail)
        }
    }

    public struct ControlFailed: Error, CustomStringConvertible {
        public let arguments: [String]
        public let output: String
        public var description: String { "scripts/cluster.sh \(arguments.joined(separator: " ")) failed: \(output)" }
    }

    /// `posix_spawn`, then a blocking `waitpid` on a Dispatch thread (never on the concurrency
    /// pool, which two cores keep small). Returns the exit status (or 128 + signal).
    static func spawnAndWait(_ argv: [String], log: String) async throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        let child = pid
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(child, &status, 0) == -1 && errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
        }
    }

    /// Runs `body` with a client of each replica (as the ingester's user), shut down afterwards.
    public func withReplicaClients<T>(_ body: ([ClickHouseClient]) async throws -> T) async throws -> T {
        let clients = try replicas.map { try $0.client() }
        return try await withCleanup { try await body(clients) } cleanup: {
            for client in clients { try await client.shutdown() }
        }
    }

    /// Waits until `client`'s replica has fetched and applied every entry of the replication
    /// log of each replicated table of `database` (`SYSTEM SYNC REPLICA`, the admin user's:
    /// the ingester's user needs no SYSTEM rights), so a read there sees what the other wrote.
    public func syncReplica(_ index: Int, database: String) async throws {
        let admin = try ClickHouseClient(configuration: try replicas[index].configuration(admin: true), logger: .init(label: "cluster-sync"))
        try await withCleanup {
            let tables = try await admin.queryRows(
                "SELECT table FROM system.replicas WHERE database = \(SQLQuoting.stringLiteral(database))")
            for table in tables.compactMap({ $0["table"] }) {
                try await admin.execute("SYSTEM SYNC REPLICA \(SQLQuoting.identifier(database)).\(SQLQuoting.identifier(table))")
            }
        } cleanup: {
            try await admin.shutdown()
        }
    }

    /// Waits until no replicated table of `database` is read-only on any replica (after
    /// ZooKeeper came back, 18.16 takes 5–10 s to leave read-only mode).
    public func waitUntilWritable(database: String) async throws {
        try await withReplicaClients { clients in
            for _ in 0..<300 {
                var readOnly = 0
                for client in clients {
                    let text = try? await client.query(
                        "SELECT countIf(is_readonly OR is_session_expired) FROM system.replicas WHERE database = \(SQLQuoting.stringLiteral(database)) FORMAT TSV")
                    readOnly += Int(text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "1") ?? 1
                }
                if readOnly == 0 { return }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw ClickHouseTestEnvironment.Missing(path: "replicas of \(database) still read-only after 60 s")
        }
    }
}
