import Foundation

/// A claim on the run lock as read back from `meta_ingest_lock`, with its liveness judged on
/// the server's clock (``LockLease/claims(key:ttlSeconds:)``).
public struct LeaseClaim: Sendable, Equatable {
    public var runID: String
    public var host: String
    public var machine: String
    public var pid: Int32
    /// Server seconds.
    public var claimedAt: UInt32
    public var heartbeatAt: UInt32
    /// A heartbeat younger than the TTL, by the server's `now()`.
    public var live: Bool

    public init(runID: String, host: String, machine: String, pid: Int32, claimedAt: UInt32, heartbeatAt: UInt32, live: Bool) {
        self.runID = runID
        self.host = host
        self.machine = machine
        self.pid = pid
        self.claimedAt = claimedAt
        self.heartbeatAt = heartbeatAt
        self.live = live
    }

    /// Claims are ordered by when the server took them, ties by run id.
    public func precedes(_ other: LeaseClaim) -> Bool {
        (claimedAt, runID) < (other.claimedAt, other.runID)
    }

    public var holder: LockHolder {
        LockHolder(host: host, pid: pid, runID: runID, since: Date(timeIntervalSince1970: TimeInterval(claimedAt)))
    }
}
