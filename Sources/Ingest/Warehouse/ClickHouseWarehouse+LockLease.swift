import ClickHouseHTTP
import ClientSupport

/// The run lock's lease in `meta_ingest_lock` (statements in ``LockLeaseSQL``).
extension ClickHouseWarehouse: LockLease {
    var leaseSQL: LockLeaseSQL { LockLeaseSQL(sql: sql) }

    public func prepareLease() async throws {
        try await createMissing([LockLeaseSQL.table], named: "the lease table")
    }

    public func announce(key: String, runID: String, as identity: MachineIdentity) async throws {
        // Sent twice (a lost answer), the announce is two rows of one key and version: `FINAL`
        // keeps one, and every read (the ticket's stamp, each election) reads that one.
        try await retrying("the run lock claim") { try await insertClaim(leaseSQL.announce(key: key, runID: runID, identity: identity)) }
    }

    public func nextTicket(key: String) async throws -> UInt32 {
        let read = leaseSQL.nextTicket(key: key)
        let ticket = try await rows(of: read, named: "the run lock's next ticket", settings: leaseSQL.consistentRead) { row in
            row["ticket"].flatMap { UInt32($0) }
        }
        guard let ticket = ticket.first else {
            throw WarehouseError.unexpectedResult(query: "the run lock's next ticket (no row)", row: [:])
        }
        return ticket
    }

    public func take(ticket: UInt32, key: String, runID: String) async throws {
        // The ticket is a literal and the stamp applies only to an announced claim: sent twice,
        // the second finds version 1 (or the same row twice, the same values) and changes nothing.
        try await retrying("the run lock ticket") { try await insertClaim(leaseSQL.take(ticket: ticket, key: key, runID: runID)) }
    }

    public func heartbeat(key: String, runID: String) async throws {
        // Sent twice, the version goes up by two: still a heartbeat, still below a release.
        try await execute(leaseSQL.heartbeat(key: key, runID: runID), named: "the run lock heartbeat")
    }

    public func claims(key: String, ttlSeconds: Int) async throws -> [LeaseClaim] {
        let read = leaseSQL.claims(key: key, ttlSeconds: ttlSeconds)
        return try await rows(of: read, named: "the run lock claims", settings: leaseSQL.consistentRead) { row in
            guard let runID = row["run_id"], let host = row["host"], let machine = row["machine"],
                let pid = row["pid"].flatMap({ Int32($0) }), let claimed = row["claimed_seconds"].flatMap({ UInt32($0) }),
                let heartbeat = row["heartbeat_seconds"].flatMap({ UInt32($0) }), let live = row["live"]
            else { return nil }
            return LeaseClaim(
                runID: runID, host: host, machine: machine, pid: pid, claimedAt: claimed, heartbeatAt: heartbeat, live: live == "1")
        }
    }

    public func release(key: String, runIDs: [String]) async throws {
        guard !runIDs.isEmpty else { return }
        try await execute(leaseSQL.release(key: key, runIDs: runIDs), named: "the run lock release")
    }

    /// A claim's quorum INSERT (the announce, the ticket). ClickHouse 18.16 runs one quorum
    /// INSERT per table at a time and refuses another while one is in flight (Code 286:
    /// "Another quorum insert has been already started", "Quorum for previous write has not
    /// been satisfied yet"), which is exactly what two runs claiming at once do; the refused
    /// one tries again after a jittered wait (the refused INSERT wrote nothing). On one server
    /// there is no quorum and no retry.
    private func insertClaim(_ statement: String) async throws {
        let schedule = Self.quorumRetry
        var attempt = 1
        while true {
            do {
                return try await client.execute(statement, settings: leaseSQL.quorumWrite)
            } catch let error as ClickHouseError where error.code == Self.quorumBusy && attempt < schedule.maxAttempts {
                logger.debug("Another quorum write is in flight; the claim tries again", metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: schedule.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    /// ClickHouse's `UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE` (also "another quorum insert").
    static let quorumBusy = 286
    static let quorumRetry = Backoff(maxAttempts: 10, baseDelay: .milliseconds(50), maxDelay: .seconds(1))
}
