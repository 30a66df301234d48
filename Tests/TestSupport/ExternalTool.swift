import Foundation

/// Runs a program the tests check the project's files with (`promtool`, `tmux`, a script),
/// found on `PATH` or by path, and returns its status and output.
public enum ExternalTool {
    public struct Missing: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "\(name) is not installed: scripts/install-deps.sh installs it (scripts/test.sh runs it)" }
    }

    public static func path(of name: String) throws -> String {
        if name.contains("/") { return name }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let found = directories.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw Missing(name: name) }
        return found
    }

    /// Runs `name` with `arguments` (and `input` on its standard input) to the end.
    public static func run(_ name: String, _ arguments: [String], input: String? = nil, directory: String? = nil) async throws -> CommandRunner.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(of: name))
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        async let stdout = CommandRunner.readToEnd(out)
        async let stderr = CommandRunner.readToEnd(err)
        let (o, e) = await (stdout, stderr)
        let status = await process.exitStatus()
        return CommandRunner.Output(status: status, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
