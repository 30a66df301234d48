import ClickHouseHTTP

/// The warehouse's tables, declared once in Swift (each row type holds its own
/// ``TableDefinition``); ``WarehouseDDL`` renders them as DDL, which the ingester runs at the
/// start of every run and `qtickets-ingest --print-schema` prints as `configs/schema.sql`.
public enum IngestSchema {
    public static let tables: [TableDefinition] = [
        TicketRow.table,
        TicketDayRow.table,
        DailySalesRow.table,
        InventoryRow.table,
        JobRunRow.table,
        SettingRow.table,
        LockClaimRow.table,
    ]

    /// Table settings beyond the engine, by table name. The ticket table and its day index are
    /// read by key, a few hundred ids or days at a time (the stored-state look-up, the daily
    /// recompute), and a read costs whole granules: at 8,192 rows a granule of the index spans
    /// weeks of tickets, so a hundred scattered touched days read most of a year. Smaller
    /// granules make such reads cost about the touched days' tickets, whatever the history.
    /// (`CREATE TABLE IF NOT EXISTS` leaves an existing table as it was built.)
    public static let settings: [String: String] = [
        TicketRow.table.name: "index_granularity = 1024",
        TicketDayRow.table.name: "index_granularity = 256",
    ]
}
