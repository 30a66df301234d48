import ClickHouseHTTP

/// The statements of the run lock's lease (``ClickHouseWarehouse``'s ``LockLease``): each an
/// `INSERT … SELECT` whose times are the server's `now()`, never the host's.
///
/// On a cluster, runs on two hosts may be pinned to different replicas. A claim is written
/// with ``quorumWrite`` (it returns once two replicas hold it: with two replicas, all of
/// them) and the claims are read with ``consistentRead`` (`select_sequential_consistency`:
/// the read fails rather than answer from a replica that lacks a quorum-written claim), so
/// of two runs that claim at once each sees the other's claim and the election picks one.
/// Heartbeats and releases are written without a quorum: a heartbeat only extends a claim
/// every host has already seen, a release seen late only makes another run wait longer, and
/// neither should stop a run while one replica is down.
struct LockLeaseSQL: Sendable {
    /// A released claim's version: above any number of heartbeats, so a release always wins.
    static let releasedVersion: UInt64 = 1 << 62

    static let table = LockClaimRow.table
    static var columns: String { table.columns.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ") }

    let sql: WarehouseSQL
    var name: String { sql.name(of: Self.table) }

    /// The settings of a claim's INSERT: none on one server.
    var quorumWrite: [String: String] { sql.ddl.cluster == nil ? [:] : ["insert_quorum": "2"] }
    /// The settings of the claims' reads: none on one server.
    var consistentRead: [String: String] { sql.ddl.cluster == nil ? [:] : ["select_sequential_consistency": "1"] }


    func claim(key: String, runID: String, identity: MachineIdentity) -> String {
        let values = [
            SQLQuoting.stringLiteral(key), SQLQuoting.stringLiteral(runID), SQLQuoting.stringLiteral(identity.host),
            SQLQuoting.stringLiteral(identity.machine), String(UInt32(clamping: identity.pid)), "now()", "now()", "0", "1",
        ]
        return "INSERT INTO \(name) (\(Self.columns)) SELECT \(values.joined(separator: ", "))"
    }

    /// The claim's `claimed_at` in `claimed_seconds`.
    func claimedAt(key: String, runID: String) -> String {
        "SELECT toUnixTimestamp(claimed_at) AS claimed_seconds FROM \(name) FINAL WHERE \(match(key: key, runIDs: [runID]))"
    }

    var serverNow: String { "SELECT toUnixTimestamp(now()) AS server_seconds" }

    /// The same claim, heartbeat now, one version up; nothing when it was released.
    func heartbeat(key: String, runID: String) -> String {
        """
        INSERT INTO \(name) (\(Self.columns))
        SELECT lock_key, run_id, host, machine, pid, claimed_at, now(), released, version + 1
        FROM \(name) FINAL WHERE \(match(key: key, runIDs: [runID])) AND released = 0
        """
    }

    /// Unreleased claims of `key`, earliest first, each with `live` judged by the server.
    func claims(key: String, ttlSeconds: Int) -> String {
        """
        SELECT run_id, host, machine, pid, toUnixTimestamp(claimed_at) AS claimed_seconds,
               toUnixTimestamp(heartbeat_at) AS heartbeat_seconds, heartbeat_at > now() - \(ttlSeconds) AS live
        FROM \(name) FINAL WHERE lock_key = \(SQLQuoting.stringLiteral(key)) AND released = 0
        ORDER BY claimed_at, run_id
        """
    }

    func release(key: String, runIDs: [String]) -> String {
        """
        INSERT INTO \(name) (\(Self.columns))
        SELECT lock_key, run_id, host, machine, pid, claimed_at, heartbeat_at, 1, \(Self.releasedVersion)
        FROM \(name) FINAL WHERE \(match(key: key, runIDs: runIDs))
        """
    }

    private func match(key: String, runIDs: [String]) -> String {
        "lock_key = \(SQLQuoting.stringLiteral(key)) AND run_id IN (\(runIDs.map(SQLQuoting.stringLiteral).joined(separator: ", ")))"
    }
}
