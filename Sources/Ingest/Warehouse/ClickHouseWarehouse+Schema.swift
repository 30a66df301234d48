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
}
