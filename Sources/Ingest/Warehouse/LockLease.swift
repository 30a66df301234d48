/// The run lock's lease in the warehouse, for runs on several hosts (``RunLock`` holds it).
///
/// Every timestamp is the server's `now()`: hosts whose clocks disagree still compare claims
/// on one clock. A claim is live while its heartbeat is younger than the TTL.
public protocol LockLease: Sendable {
    /// The database and the lease table, created if missing (before the run's first write:
    /// nothing else is written until the lease is won).
    func prepareLease() async throws

    /// Inserts this run's claim (claimed and heartbeat now); returns its server second.
    func claim(key: String, runID: String, as identity: MachineIdentity) async throws -> UInt32

    /// The server's clock, in Unix seconds.
    func serverNow() async throws -> UInt32

    /// Moves the claim's heartbeat to the server's now (nothing, if it was released).
    func heartbeat(key: String, runID: String) async throws

    /// Every claim of `key` that was not released, earliest first.
    func claims(key: String, ttlSeconds: Int) async throws -> [LeaseClaim]

    /// Marks claims released (this run's own, or holders found dead).
    func release(key: String, runIDs: [String]) async throws
}
