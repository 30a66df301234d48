import ClickHouseHTTP
import ClientSupport

/// The run lock's lease in `meta_ingest_lock` (statements in ``LockLeaseSQL``).
extension ClickHouseWarehouse: LockLease {
    var leaseSQL: LockLeaseSQL { LockLeaseSQL(sql: sql) }

    public func prepareLease() async throws {
        try await createMissing([LockLeaseSQL.table], named: "the lease table")
    }

    public func claim(key: String, runID: String, as identity: MachineIdentity) async throws -> UInt32 {
        // Sent twice (a lost answer), the claim is two rows of one key and version: `FINAL`
        // keeps one, and the read-back below (like every election) reads that one.
        try await retrying("the run lock claim") { try await insertClaim(leaseSQL.claim(key: key, runID: runID, identity: identity)) }
        let read = leaseSQL.claimedAt(key: key, runID: runID)
        let claimed = try await rows(of: read, named: "the run lock claim", settings: leaseSQL.consistentRead) { row in
            row["claimed_seconds"].flatMap { UInt32($0) }
        }
        guard let second = claimed.first else {
            throw WarehouseError.unexpectedResult(query: "the run lock claim (not found after it was inserted)", row: [:])
        }
        return second
    }

    public func serverNow() async throws -> UInt32 {
        let now = try await rows(of: leaseSQL.serverNow, named: "the server's clock") { $0["server_seconds"].flatMap { UInt32($0) } }
        guard let second = now.first else { throw WarehouseError.unexpectedResult(query: "the server's clock", row: [:]) }
        return second
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

    /// The claim's quorum INSERT. ClickHouse 18.16 runs one quorum INSERT per table at a time
    /// and refuses another while one is in flight (Code 286: "Another quorum insert has been
    /// already started", "Quorum for previous write has not been satisfied yet"), which is
    /// exactly what two runs claiming at once do; the refused one tries again after a jittered
    /// wait (the refused INSERT wrote nothing). On one server there is no quorum and no retry.
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
