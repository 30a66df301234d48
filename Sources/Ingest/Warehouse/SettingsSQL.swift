import ClickHouseHTTP

/// The statements that read what the warehouse records about itself before a run writes:
/// its settings (``SettingRow``), whether it holds tickets, its highest version, and the one
/// fill of the ticket-day index for a warehouse built before the index existed.
struct SettingsSQL: Sendable {
    let sql: WarehouseSQL

    /// 1 when `table` exists, in `present` (the database may not exist yet either).
    func exists(_ table: TableDefinition) -> String {
        """
        SELECT count() AS present FROM system.tables
        WHERE database = \(SQLQuoting.stringLiteral(sql.database)) AND name = \(SQLQuoting.stringLiteral(table.name))
        """
    }

    /// Every recorded setting, latest value, in `key` and `value`.
    var settings: String { "SELECT key, value FROM \(sql.name(of: SettingRow.table)) FINAL" }

    /// 1 when the ticket table has a row, in `present`.
    var holdsTickets: String { "SELECT count() AS present FROM (SELECT 1 FROM \(sql.name(of: TicketRow.table)) LIMIT 1)" }

    /// The highest ticket id stored (all versions: the same ids), in `id`.
    var maxTicketID: String { "SELECT max(ticket_id) AS id FROM \(sql.name(of: TicketRow.table))" }

    /// The highest version of the rows a run stamps from its ``VersionClock`` and that
    /// `FINAL` orders by version, in `version` (the daily table is swapped in by partition, its
    /// version decides nothing, and reading it would cost a read of every day).
    var maxVersion: String {
        let tables = [JobRunRow.table, InventoryRow.table, SettingRow.table]
        let parts = tables.map { "SELECT max(version) AS version FROM \(sql.name(of: $0))" }
        return "SELECT max(version) AS version FROM (\(parts.joined(separator: " UNION ALL ")))"
    }

    /// Every ticket row with a payment day, into the index (all versions: an entry of a day a
    /// ticket has left is harmless, and no `FINAL` makes it one plain scan). Idempotent.
    var fillTicketDays: String {
        let index = TicketDayRow.table
        let columns = index.columns.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ")
        return """
            INSERT INTO \(sql.name(of: index)) (\(columns))
            SELECT \(columns) FROM \(sql.name(of: TicketRow.table)) WHERE toUnixTimestamp(payed_at) > 0
            """
    }
}
