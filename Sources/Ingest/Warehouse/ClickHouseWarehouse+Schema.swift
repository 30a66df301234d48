import ClickHouseHTTP

extension ClickHouseWarehouse {
    /// The statements that create the database and `tables`, as far as they are missing.
    ///
    /// On one server: all of them, each `IF NOT EXISTS` (one round trip each, no read first).
    /// On a cluster: only what the pinned replica lacks. An `ON CLUSTER` statement waits until
    /// every replica has run it (`distributed_ddl_task_timeout`, 180 s by default) and then
    /// fails, so sending the schema every run would make every run hang and fail while one
    /// replica is down, though nothing is missing. What the pinned replica has, the cluster
    /// has: it was created `ON CLUSTER`, and a replica that was down runs the queued DDL when it
    /// comes back.
    func creating(_ tables: [TableDefinition]) async throws -> [String] {
        guard sql.ddl.cluster != nil else { return sql.schema(of: tables, existing: []) }
        let existing = try await rows(of: sql.existingTables, named: "the existing tables") { $0["name"] }
        return sql.schema(of: tables, existing: Set(existing))
    }

    /// Creates what `tables` need (``creating(_:)``). On a cluster, an `ON CLUSTER` statement
    /// that timed out waiting for a replica that is down has run on the pinned replica (it is
    /// up: it answered), so the run goes on; the absent replica runs the statement from the
    /// DDL queue when it returns, and replication then brings it the rows.
    func createMissing(_ tables: [TableDefinition], named what: String) async throws {
        for statement in try await creating(tables) {
            do {
                try await execute(statement, named: what)
            } catch let error as ClickHouseError where error.isDistributedDDLTimeout {
                logger.warning(
                    "A replica has not run the schema yet; it runs it when it comes back",
                    metadata: ["statement": "\(what)", "error": "\(error)"])
            }
        }
    }
}
