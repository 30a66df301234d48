import ClickHouseHTTP

/// The statements that replace the inventory table atomically (the sequence is
/// ``ClickHouseWarehouse/replaceInventory(with:keepingShows:)``).
///
/// A staging table of the same structure (named after the run) gets the run's rows and, for
/// the shows whose seats could not be fetched, their previous rows; then
/// `ALTER TABLE … REPLACE PARTITION tuple()` (the table is unpartitioned: one partition)
/// swaps it in. Readers without `FINAL` see the old table or the new one, never half of it.
struct InventorySwap: Sendable {
    static let inventory = InventoryRow.table
    static var columnList: String { inventory.columns.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ") }

    let tableName: String
    let stageName: String
    let createStage: String

    init(sql: WarehouseSQL, runTag: String) {
        tableName = sql.name(of: Self.inventory)
        let tag = WarehouseSQL.stageTag(runID: runTag)
        stageName = "\(SQLQuoting.identifier(sql.database)).\(SQLQuoting.identifier("\(Self.inventory.name)_stage_\(tag)"))"
        createStage = sql.ddl.createStage(stageName, of: Self.inventory)
    }

    var dropStage: String { "DROP TABLE IF EXISTS \(stageName)" }
    var insertRows: String { "INSERT INTO \(stageName) (\(Self.columnList)) FORMAT RowBinary" }

    /// The current rows of `showIDs`, kept as they are.
    func keepPrevious(showIDs: [UInt64]) -> String {
        """
        INSERT INTO \(stageName) (\(Self.columnList))
        SELECT \(Self.columnList) FROM \(tableName) FINAL WHERE show_id IN (\(showIDs.map(String.init).joined(separator: ",")))
        """
    }

    /// One row per show in the stage even if a statement was sent twice.
    var mergeStage: String { "OPTIMIZE TABLE \(stageName) FINAL" }
    var replaceTable: String { "ALTER TABLE \(tableName) REPLACE PARTITION tuple() FROM \(stageName)" }
    /// The rows the table has now, in `inventory_rows`.
    var countRows: String { "SELECT count() AS inventory_rows FROM \(tableName)" }
}
