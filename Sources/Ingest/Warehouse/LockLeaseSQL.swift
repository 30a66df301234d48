import ClickHouseHTTP

/// The statements of the run lock's lease (``ClickHouseWarehouse``'s ``LockLease``): each an
/// `INSERT … SELECT` whose times are the server's `now()`, never the host's.
///
/// On a cluster, runs on two hosts may be pinned to different replicas. A claim's announce and
/// its ticket are written with ``quorumWrite`` (they return once two replicas hold them: with
/// two replicas, all of them), and the next ticket and the claims are read with
/// ``consistentRead`` (`select_sequential_consistency`: the read fails rather than answer from
/// a replica that lacks a quorum-written claim), so of two runs that claim at once each sees
/// the other's claim and the election picks one.
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

    /// The claim without a ticket: `claimed_at` 0 (``LeaseClaim/isChoosing``), version 0.
    func announce(key: String, runID: String, identity: MachineIdentity) -> String {
        let values = [
            SQLQuoting.stringLiteral(key), SQLQuoting.stringLiteral(runID), SQLQuoting.stringLiteral(identity.host),
            SQLQuoting.stringLiteral(identity.machine), String(UInt32(clamping: identity.pid)), "toDateTime(0)", "now()", "0", "0",
        ]
        return "INSERT INTO \(name) (\(Self.columns)) SELECT \(values.joined(separator: ", "))"
    }

    /// One second past the latest ticket of `key`'s unreleased claims (expired ones too: a
    /// ticket only has to be later), or the server's now if that is later, in `ticket`.
    func nextTicket(key: String) -> String {
        """
        SELECT toUnixTimestamp(greatest(now(), max(claimed_at) + 1)) AS ticket
        FROM \(name) FINAL WHERE lock_key = \(SQLQuoting.stringLiteral(key)) AND released = 0
        """
    }

    /// The announced claim stamped with `ticket`, version 1; nothing once it has a ticket or
    /// was released (its latest version is then no longer 0).
    func take(ticket: UInt32, key: String, runID: String) -> String {
        """
        INSERT INTO \(name) (\(Self.columns))
        SELECT lock_key, run_id, host, machine, pid, toDateTime(\(ticket)), now(), released, 1
        FROM \(name) FINAL WHERE \(match(key: key, runIDs: [runID])) AND version = 0
        """
    }

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
