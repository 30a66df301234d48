import ClickHouseHTTP

/// Staging tables that a dead run left behind (SIGKILL, a power cut, a drop that did not finish
/// in time): found in `system.tables`, dropped by the next run.
extension ClickHouseWarehouse {
    /// Drops every staging table of this database whose run holds no live claim of the run lock
    /// (unreleased, a heartbeat within `liveWithinSeconds`); returns their names. Called under
    /// the lock, before this run creates its own: a run of another organiser sharing the
    /// database keeps its stage while it is alive.
    public func dropStaleStages(liveWithinSeconds: Int) async throws -> [String] {
        let stages = try await rows(of: sql.stagingTables, named: "the staging tables") { $0["name"] }
        guard !stages.isEmpty else { return [] }
        let live = Set(try await rows(of: sql.liveRunIDs(withinSeconds: liveWithinSeconds), named: "the live runs") { $0["run_id"] }
            .map(WarehouseSQL.stageTag(runID:)))
        // A backfill's slices stage under `<run id>-<slice>`, and the lock's claim names the run:
        // a stage is live when its tag begins with a live run's.
        let stale = stages.filter { name in
            let tag = name.components(separatedBy: "_stage_").last ?? ""
            return !live.contains(where: { !$0.isEmpty && tag.hasPrefix($0) })
        }
        for name in stale {
            try await execute(
                "DROP TABLE IF EXISTS \(SQLQuoting.identifier(sql.database)).\(SQLQuoting.identifier(name))", named: "a stale staging table")
        }
        return stale
    }
}

extension WarehouseSQL {
    /// The tables whose stages runs create (``DailySalesRecompute``, ``InventorySwap``).
    static let staged = [DailySalesRow.table, InventoryRow.table]

    /// How a run id appears in its staging tables' names (letters and digits only): the one
    /// rule, so that the stale-stage look-up recognises a live run's stage.
    static func stageTag(runID: String) -> String {
        runID.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The staging tables of this database, in `name`.
    var stagingTables: String {
        let prefixes = Self.staged.map { "startsWith(name, \(SQLQuoting.stringLiteral($0.name + "_stage_")))" }
        return """
            SELECT name FROM system.tables
            WHERE database = \(SQLQuoting.stringLiteral(database)) AND (\(prefixes.joined(separator: " OR ")))
            """
    }

    /// The runs holding a live claim of any run lock of this database, in `run_id`.
    func liveRunIDs(withinSeconds seconds: Int) -> String {
        """
        SELECT run_id FROM \(name(of: LockClaimRow.table)) FINAL
        WHERE released = 0 AND heartbeat_at > now() - \(seconds)
        """
    }
}
