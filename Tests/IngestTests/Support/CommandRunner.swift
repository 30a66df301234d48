import Foundation

/// Runs the built `qtickets-ingest` executable, as an operator or systemd would.
struct CommandRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + stderr }
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is not built: run `swift build --build-tests` first (scripts/test.sh does)" }
    }

    static var executable: String {
        TestClickHouse.repositoryRoot.appendingPathComponent(".build/debug/qtickets-ingest").path
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
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
        async let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
        async let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
        let (o, e) = await (stdout, stderr)
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
