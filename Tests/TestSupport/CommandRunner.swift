import Foundation

/// Runs the built `qtickets-ingest` executable, as an operator or systemd would (or another
/// built tool of the package: `executable`).
public enum CommandRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var all: String { stdout + stderr }
    }

    public struct MissingExecutable: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path) is not built: run `swift build --build-tests` first (scripts/test.sh does)" }
    }

    public static var executable: String { Repository.url(".build/debug/qtickets-ingest").path }

    public static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        try await run(arguments, environment: environment, whileRunning: { _ in })
    }

    /// Runs another executable of the package, e.g. `qtickets-bench-decode`, from the debug build.
    public static func run(tool: String, _ arguments: [String]) async throws -> Output {
        try await run(arguments, executable: Repository.url(".build/debug/\(tool)").path, whileRunning: { _ in })
    }

    /// Runs the command and calls `whileRunning` with its PID once it has started (to signal it).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], executable: String = CommandRunner.executable,
        whileRunning: @Sendable (Int32) async throws -> Void
    ) async throws -> Output {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw MissingExecutable(path: executable) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // A clean environment: only PATH and what the test passes, so the machine's own
        // variables cannot leak into the configuration under test.
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"].merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        async let stdout = readToEnd(out)
        async let stderr = readToEnd(err)
        try await whileRunning(process.processIdentifier)
        let (o, e) = await (stdout, stderr)
        let status = await process.exitStatus()
        return Output(status: status, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Blocking pipe reads run on Dispatch's threads, never on the concurrency pool: with two
    /// cores, two blocked pool threads would starve every other task of the test.
    static func readToEnd(_ pipe: Pipe) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile()) }
        }
    }
}
