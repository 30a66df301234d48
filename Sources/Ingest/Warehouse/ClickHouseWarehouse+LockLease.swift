import ClickHouseHTTP

/// The run lock's lease in `meta_ingest_lock` (statements in ``LockLeaseSQL``).
extension ClickHouseWarehouse: LockLease {
    var leaseSQL: LockLeaseSQL { LockLeaseSQL(sql: sql) }

    public func prepareLease() async throws {
        try await execute(leaseSQL.createDatabase, named: "the lease's database")
        try await execute(leaseSQL.createTable, named: "the lease table")
    }

    public func claim(key: String, runID: String, as identity: MachineIdentity) async throws -> UInt32 {
        // Sent twice (a lost answer), the claim is two rows of one key and version: `FINAL`
        // keeps one, and the read-back below (like every election) reads that one.
        try await execute(leaseSQL.claim(key: key, runID: runID, identity: identity), named: "the run lock claim")
        let claimed = try await rows(of: leaseSQL.claimedAt(key: key, runID: runID), named: "the run lock claim") { row in
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
        try await rows(of: leaseSQL.claims(key: key, ttlSeconds: ttlSeconds), named: "the run lock claims") { row in
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
}
