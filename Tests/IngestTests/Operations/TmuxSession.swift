import Foundation
import TestSupport

/// A pseudo-terminal for the tests: a private tmux server (its own socket, an empty
/// configuration) running one command in a pane, whose screen is read with `capture-pane`.
///
/// The server runs in the foreground (`tmux -D`) as this test's child process instead of
/// daemonizing: daemon(3) needs /dev/null to be a character device, which a container's need
/// not be. It is spawned with an empty signal mask: the test runner's threads block signals,
/// and a tmux that inherited that mask would never see its panes exit (SIGCHLD) nor stop.
/// ``close()`` stops that server and nothing else.
final class TmuxSession: Sendable {
    let socket: String
    private let configuration: String
    private let server: pid_t

    /// Starts the server and a `columns` × `rows` pane running `command` (through `sh -c`).
    static func start(_ command: String, columns: Int, rows: Int) async throws -> TmuxSession {
        let socket = "qt-test-" + UUID().uuidString.prefix(8).lowercased()
        let configuration = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf").path
        try Data().write(to: URL(fileURLWithPath: configuration))
        let server = try spawnWithCleanSignals(try ExternalTool.path(of: "tmux"), ["-D", "-L", socket, "-f", configuration])
        let session = TmuxSession(socket: socket, configuration: configuration, server: server)
        // The server's socket appears shortly after it starts.
        for _ in 0..<50 {
            let started = try await session.tmux(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", command])
            if started.status == 0 { return session }
            try await Task.sleep(for: .milliseconds(100))
        }
        await session.close()
        throw CouldNotStart(socket: socket)
    }

    struct CouldNotStart: Error { let socket: String }

    /// posix_spawn with every signal unblocked and at its default action; output discarded.
    private static func spawnWithCleanSignals(_ path: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-server-\(getpid()).log").path
        for descriptor in [STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        return pid
    }

    private init(socket: String, configuration: String, server: pid_t) {
        self.socket = socket
        self.configuration = configuration
        self.server = server
    }

    /// The pane's screen, wrapped lines joined.
    func screen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-J"]).stdout
    }

    /// Asks the server to stop, then reaps it (SIGKILL after five seconds).
    func close() async {
        _ = try? await tmux(["kill-server"])
        var status: Int32 = 0
        for attempt in 0..<60 {
            if waitpid(server, &status, WNOHANG) == server { break }
            if attempt == 50 { kill(server, SIGKILL) }
            try? await Task.sleep(for: .milliseconds(100))
        }
        try? FileManager.default.removeItem(atPath: configuration)
    }

    private func tmux(_ arguments: [String]) async throws -> CommandRunner.Output {
        try await ExternalTool.run("tmux", ["-L", socket, "-f", configuration] + arguments)
    }
}
