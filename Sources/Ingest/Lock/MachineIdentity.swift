import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process as the run lock names it: the host name (for the operator), and the space in
/// which its PID means something (for deciding that a holder on this machine is dead).
///
/// A PID is only comparable within one boot of one kernel and one PID namespace: two
/// containers on one host share the boot id but not the namespace, two hosts may share a
/// host name. So a claim is "ours to judge" only when `machine` (boot id + PID namespace)
/// matches; then a PID that no longer exists is a holder that is gone for sure, and its
/// flock (if it shared our lock file) was released by the kernel.
public struct MachineIdentity: Sendable, Equatable {
    public var host: String
    public var machine: String
    public var pid: Int32

    public init(host: String, machine: String, pid: Int32) {
        self.host = host
        self.machine = machine
        self.pid = pid
    }

    /// This process.
    public static let current = MachineIdentity(host: hostName(), machine: machineKey(), pid: getpid())

    /// Whether `pid` names a live process here (`kill(pid, 0)`: only "no such process" is dead).
    public static func isAlive(pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno != ESRCH
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `boot-id/pid-namespace` on Linux; the host name elsewhere (no cheaper exact answer).
    private static func machineKey() -> String {
        let boot = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let namespace = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid")
        guard let boot, !boot.isEmpty else { return "host:" + hostName() }
        return boot + "/" + (namespace ?? "")
    }
}
