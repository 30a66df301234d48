import Foundation

extension Process {
    /// The exit status (or the signal's number, as `terminationStatus` gives it), waited for
    /// without `waitUntilExit`.
    ///
    /// Why: `waitUntilExit` spins a run loop on its thread until Foundation's child monitor
    /// notices the exit, and once it never did: a `tmux` client sat `<defunct>` while the test
    /// burned a core for minutes, and the process tests beside it (kills, signals, lock
    /// take-overs) timed out on the one core left. So: poll `isRunning` asleep, and reap a
    /// child the monitor has left a zombie for a second ourselves.
    public func exitStatus() async -> Int32 {
        let pid = processIdentifier
        var zombieSince: ContinuousClock.Instant?
        while isRunning {
            if Self.isZombie(pid) {
                let since = zombieSince ?? .now
                zombieSince = since
                var status: Int32 = 0
                if ContinuousClock.now - since > .seconds(1), waitpid(pid, &status, WNOHANG) == pid {
                    let signal = status & 0x7f
                    return signal == 0 ? (status >> 8) & 0xff : signal
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return terminationStatus
    }

    /// Whether `/proc` says `pid` has exited and waits to be reaped.
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return false
        }
        return stat[stat.index(after: close)...].drop { $0 == " " }.first == "Z"
    }
}
