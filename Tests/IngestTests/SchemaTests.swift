import ClickHouseHTTP
import Foundation
import TestSupport
import Testing
@testable import Ingest

@Suite struct SchemaTests {
    /// `configs/schema.sql` is what operators read and apply by hand: it must be exactly what the
    /// ingester itself creates.
    @Test func shippedSchemaFileMatchesTheDeclaredTables() throws {
        let shipped = try String(contentsOf: Repository.url("configs/schema.sql"), encoding: .utf8)
        #expect(shipped == WarehouseSQL(database: "zakaz").schemaFile, "regenerate it: qtickets-ingest --print-schema > configs/schema.sql")
    }

    @Test func everyTableIsAReplacingMergeTreeWithAVersion() {
        for table in IngestSchema.tables {
            let ddl = table.createTableSQL(database: "zakaz")
            #expect(ddl.contains("ReplacingMergeTree(version)"), "\(table.name)")
            #expect(table.columns.contains { $0.name == "version" }, "\(table.name)")
        }
        // The contract's columns, by name.
        let daily = Set(DailySalesRow.table.columns.map(\.name))
        #expect(daily.isSuperset(of: ["sales_date", "sale_ts", "event_id", "show_id", "city", "tickets_sold", "revenue", "version"]))
        let inventory = Set(InventoryRow.table.columns.map(\.name))
        #expect(inventory.isSuperset(of: ["snapshot_ts", "event_id", "event_name", "show_id", "city", "tickets_total", "tickets_left", "version"]))
        let runs = Set(JobRunRow.table.columns.map(\.name))
        #expect(runs.isSuperset(of: ["job", "run_id", "started_at", "finished_at", "status", "rows_processed", "message", "metrics"]))
    }
}
