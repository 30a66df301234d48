import Foundation

/// A claim on the run lock as read back from `meta_ingest_lock`, with its liveness judged on
/// the server's clock (``LockLease/claims(key:ttlSeconds:)``).
public struct LeaseClaim: Sendable, Equatable {
    public var runID: String
    public var host: String
    public var machine: String
    public var pid: Int32
    /// The claim's ticket, in server seconds (when it was taken, or one past the latest ticket
    /// then visible); 0 while the claim is announced but has no ticket yet (``isChoosing``).
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

    /// Announced, and still reading its ticket: its ticket may yet come out earlier than one
    /// already taken, so nobody wins while it is live (``LeaseElection``).
    public var isChoosing: Bool { claimedAt == 0 }

    /// Ticketed claims are ordered by their tickets, ties by run id.
    public func precedes(_ other: LeaseClaim) -> Bool {
        (claimedAt, runID) < (other.claimedAt, other.runID)
    }

    /// Since its ticket; a claim still choosing, since its announce.
    public var holder: LockHolder {
        LockHolder(host: host, pid: pid, runID: runID, since: Date(timeIntervalSince1970: TimeInterval(isChoosing ? heartbeatAt : claimedAt)))
    }
}
