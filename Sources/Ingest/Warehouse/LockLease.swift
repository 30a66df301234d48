/// The run lock's lease in the warehouse, for runs on several hosts (``RunLock`` holds it).
///
/// A claim is taken in three steps, the bakery algorithm's (Lamport's "choosing" flag, then a
/// number one past every number seen): ``announce(key:runID:as:)`` makes the claim visible
/// without a ticket, ``nextTicket(key:)`` reads a ticket later than every claim visible now,
/// ``take(ticket:key:runID:)`` stamps the claim with it. A contender that sees a claim still
/// without a ticket waits for it (``LeaseElection/Outcome/pending(_:)``): that is what makes
/// the earliest ticket a safe winner without waiting for the server's clock to move on.
///
/// Every timestamp is the server's `now()`: hosts whose clocks disagree still compare claims
/// on one clock. A claim is live while its heartbeat is younger than the TTL.
public protocol LockLease: Sendable {
    /// The database and the lease table, created if missing (before the run's first write:
    /// nothing else is written until the lease is won).
    func prepareLease() async throws

    /// Inserts this run's claim without a ticket (``LeaseClaim/isChoosing``), heartbeat now.
    func announce(key: String, runID: String, as identity: MachineIdentity) async throws

    /// A ticket one second past every claim of `key` visible now, and no earlier than the
    /// server's now (so a ticket still reads as when the claim was taken).
    func nextTicket(key: String) async throws -> UInt32

    /// Stamps this run's announced claim with `ticket`, once: sent twice, or after a release,
    /// it changes nothing.
    func take(ticket: UInt32, key: String, runID: String) async throws

    /// Moves the claim's heartbeat to the server's now (nothing, if it was released).
    func heartbeat(key: String, runID: String) async throws

    /// Every claim of `key` that was not released, earliest first.
    func claims(key: String, ttlSeconds: Int) async throws -> [LeaseClaim]

    /// Marks claims released (this run's own, or holders found dead).
    func release(key: String, runIDs: [String]) async throws
}
