import Foundation

/// A current ClickHouse engine (chDB, 26.x) behind `scripts/chdb-server.py`, started by a test
/// on a free port of its own and stopped by it: the same HTTP interface the ingester's client
/// speaks to 18.16, so every statement runs unchanged against today's engine as well.
///
/// Use ``with(_:)``; the server, its data folder and its env file are gone when it returns.
public final class ChDBServer: Sendable {
    public struct StartFailed: Error, CustomStringConvertible {
        public let log: String
        public var description: String {
            "scripts/chdb-server.py did not start (chdb-core missing? scripts/install-deps.sh installs it): \(log)"
        }
    }

    /// The ingester's user on it, and its env file (for `--envfile` and ``IngestHarness``).
    public let environment: ClickHouseTestEnvironment
    private let process: Process
    private let directory: URL

    private init(environment: ClickHouseTestEnvironment, process: Process, directory: URL) {
        self.environment = environment
        self.process = process
        self.directory = directory
    }

    public static func with<T>(_ body: (ChDBServer) async throws -> T) async throws -> T {
        let server = try await start()
        return try await withCleanup { try await body(server) } cleanup: { await server.stop() }
    }

    static func start() async throws -> ChDBServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qt-chdb-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let password = "chdb-" + UUID().uuidString.prefix(12)
        let log = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)  // a failure shows as no log below
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Repository.url("scripts/chdb-server.py").path, "--port", "0",
            "--user", "etl_writer", "--password", password, "--data", directory.appendingPathComponent("data").path,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line is the URL, printed once it serves (importing chDB takes seconds).
        let line = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while let byte = try? out.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { bytes.append(byte) }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        guard line.hasPrefix("http://") else {
            process.terminate()
            throw StartFailed(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        let envFile = directory.appendingPathComponent("env").path
        try """
            CLICKHOUSE_HOST=\(line)
            CLICKHOUSE_USER=etl_writer
            CLICKHOUSE_PASSWORD=\(password)
            CLICKHOUSE_DB=zakaz
            """.write(toFile: envFile, atomically: true, encoding: .utf8)
        return ChDBServer(environment: try ClickHouseTestEnvironment.load(envFile: envFile), process: process, directory: directory)
    }

    /// Stops the server and removes its folder. SIGKILL to its own PID: a test process may
    /// ignore SIGTERM (an ignored signal stays ignored across exec, so the server would too),
    /// and a throwaway engine has nothing to save.
    func stop() async {
        let pid = process.processIdentifier
        kill(pid, SIGKILL)
        for _ in 0..<200 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(50))
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
