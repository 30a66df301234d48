import ClickHouseHTTP

/// The statements of the run lock's lease (``ClickHouseWarehouse``'s ``LockLease``): each an
/// `INSERT … SELECT` whose times are the server's `now()`, never the host's.
struct LockLeaseSQL: Sendable {
    /// A released claim's version: above any number of heartbeats, so a release always wins.
    static let releasedVersion: UInt64 = 1 << 62

    static let table = LockClaimRow.table
    static var columns: String { table.columns.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ") }

    let sql: WarehouseSQL
    var name: String { sql.name(of: Self.table) }

    var createDatabase: String { "CREATE DATABASE IF NOT EXISTS \(SQLQuoting.identifier(sql.database))" }
    var createTable: String { IngestSchema.createTableSQL(Self.table, database: sql.database) }

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
