import ClickHouseHTTP

/// The warehouse's tables, declared once in Swift (each row type holds its own
/// ``TableDefinition``); ``WarehouseSQL`` renders them as DDL, which the ingester runs at the
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
}
