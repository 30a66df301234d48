import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A ClickHouse of the test's own (`QT_CH_DIR=<tmp> scripts/clickhouse.sh`), which the test may
/// stop and restart without disturbing the shared one.
struct PrivateClickHouse: Sendable {
    let directory: URL

    static func start() async throws -> (PrivateClickHouse, TestServer) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qt-ch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let instance = PrivateClickHouse(directory: dir)
        try await instance.run("start")
        let environment = try ClickHouseTestEnvironment.load(envFile: dir.appendingPathComponent("env").path)
        return (instance, TestServer(environment: environment))
    }

    func start() async throws { try await run("start") }
    func stop() async throws { try await run("stop") }

    /// Stops the server and removes its folder.
    func destroy() async {
        try? await run("stop")
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `scripts/clickhouse.sh COMMAND` and waits for it.
    ///
    /// posix_spawn + waitpid rather than Foundation's `Process`: the script leaves the server
    /// (and a waiting subshell) running, and those inherited a descriptor through which `Process`
    /// watches its child, so it never reported the script's exit. bash also closes every
    /// inherited descriptor above stderr, so the server holds none of this process's sockets.
    private func run(_ command: String) async throws {
        let script = Repository.url("scripts/clickhouse.sh").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        environment["QT_CH_DIR"] = directory.path
        // bash closes every inherited descriptor above 2, then becomes the script.
        let closeInherited = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done; exec /bin/bash "$0" "$1""#
        let argv = ["/bin/bash", "-c", closeInherited, script, command]
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let rc = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in
                posix_spawn(&pid, "/bin/bash", &actions, nil, cArgv, cEnvp)
            }
        }
        guard rc == 0 else {
            Issue.record("cannot run scripts/clickhouse.sh \(command): posix_spawn error \(rc)")
            throw PrivateServerFailed()
        }
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        if !exited || code != 0 {
            Issue.record("scripts/clickhouse.sh \(command) failed (status \(status)) (QT_CH_DIR=\(directory.path))")
            throw PrivateServerFailed()
        }
    }
}

/// Calls `body` with a NULL-terminated C array of the strings.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return body(pointers + [nil])
}

struct PrivateServerFailed: Error {}
