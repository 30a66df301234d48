import ClickHouseHTTP
import Testing
@testable import Ingest

/// Cluster mode as a second rendering of the same declarations (the statements run against a
/// real cluster in ``ClusterTests``); without a cluster the DDL is what it always was
/// (`SchemaTests` pins `configs/schema.sql`).
@Suite struct WarehouseDDLTests {
    static let cluster = WarehouseDDL.Cluster(name: "qt", zooKeeperPrefix: "/clickhouse/tables/{shard}/")

    @Test func onAClusterEveryTableIsReplicatedAtItsOwnPathOnCluster() {
        let schema = WarehouseSQL(database: "zakaz", cluster: Self.cluster).schema
        #expect(schema.first == "CREATE DATABASE IF NOT EXISTS zakaz ON CLUSTER qt")
        #expect(schema.count == IngestSchema.tables.count + 1)
        for (statement, table) in zip(schema.dropFirst(), IngestSchema.tables) {
            #expect(statement.hasPrefix("CREATE TABLE IF NOT EXISTS zakaz.\(table.name) ON CLUSTER qt\n("))
            let version = table.versionColumn.map { ", \($0)" } ?? ""
            #expect(statement.contains(
                "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/zakaz/\(table.name)', '{replica}'\(version))\n"))
        }
        // The settings follow the engine there too (granularity shapes the parts REPLACE moves).
        #expect(schema.contains { $0.hasSuffix("ORDER BY (ticket_id)\nSETTINGS index_granularity = 1024") })
    }

    /// A stage made `AS` a replicated table would copy its engine and ZooKeeper path (Code 253
    /// on a cluster): it is given a local engine of the same layout instead, and created,
    /// swapped and dropped without `ON CLUSTER` (the run's replica only).
    @Test func onAClusterTheStagesAreLocalTablesOfTheSameLayoutAndNothingGoesOnCluster() {
        let sql = WarehouseSQL(database: "zakaz", cluster: Self.cluster)
        let daily = sql.dailySalesRecompute(runTag: "r1")
        #expect(daily.createStage == """
            CREATE TABLE zakaz.fact_qtickets_sales_daily_stage_r1 AS zakaz.fact_qtickets_sales_daily \
            ENGINE = ReplacingMergeTree(version)
            PARTITION BY toYYYYMM(sales_date)
            ORDER BY (sales_date, event_id, show_id, city)
            """)
        let inventory = InventorySwap(sql: sql, runTag: "r1")
        #expect(inventory.createStage.hasPrefix(
            "CREATE TABLE zakaz.fact_qtickets_inventory_latest_stage_r1 AS zakaz.fact_qtickets_inventory_latest ENGINE = ReplacingMergeTree("))
        let others = [daily.replacePartitions(months: [202_611]), daily.dropStage, inventory.replaceTable, inventory.mergeStage, sql.optimize(JobRunRow.table)]
        #expect(others.allSatisfy { !$0.contains("ON CLUSTER") })
        #expect(sql.ddl.optimizeSettings == ["replication_alter_partitions_sync": "0"])
    }

    @Test func onOneServerTheStagesAndSettingsAreAsBefore() {
        let sql = WarehouseSQL(database: "zakaz")
        #expect(sql.dailySalesRecompute(runTag: "r1").createStage
            == "CREATE TABLE zakaz.fact_qtickets_sales_daily_stage_r1 AS zakaz.fact_qtickets_sales_daily")
        #expect(sql.ddl.optimizeSettings.isEmpty)
        #expect(LockLeaseSQL(sql: sql).quorumWrite.isEmpty && LockLeaseSQL(sql: sql).consistentRead.isEmpty)
        #expect(sql.schema == WarehouseSQL(database: "zakaz", cluster: nil).schema)
        #expect(!sql.schema.joined().contains("Replicated"))
    }

    /// Claims are quorum-written and read sequentially consistent, so runs pinned to different
    /// replicas see each other's claims.
    @Test func onAClusterTheLockClaimsAreQuorumWrittenAndConsistentlyRead() {
        let lease = LockLeaseSQL(sql: WarehouseSQL(database: "zakaz", cluster: Self.cluster))
        #expect(lease.quorumWrite == ["insert_quorum": "2"])
        #expect(lease.consistentRead == ["select_sequential_consistency": "1"])
    }

    /// Only what the run's replica lacks is created: `ON CLUSTER` waits for every replica.
    @Test func onlyTheMissingTablesAreRendered() {
        let sql = WarehouseSQL(database: "zakaz", cluster: Self.cluster)
        let all = Set(IngestSchema.tables.map(\.name))
        #expect(sql.schema(of: IngestSchema.tables, existing: all.union([""])).isEmpty)
        #expect(sql.schema(of: IngestSchema.tables, existing: all.subtracting([JobRunRow.table.name]).union([""]))
            == [sql.ddl.createTable(JobRunRow.table)])
        #expect(sql.schema(of: [LockClaimRow.table], existing: []) == [sql.ddl.createDatabase, sql.ddl.createTable(LockClaimRow.table)])
    }
}
