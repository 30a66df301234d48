import ClickHouseHTTP

/// The one place that renders the warehouse's DDL: the database, every table of
/// ``IngestSchema`` (and the lock's), and the run's staging tables. On one server (no
/// `CLICKHOUSE_CLUSTER`) it renders exactly what the ingester always sent; on a cluster it is a
/// second rendering of the same declarations, not a second copy of the statements.
///
/// On a cluster (the traps are in the README, "Running on a ClickHouse cluster"):
/// - the database and every table are created `ON CLUSTER`, the tables as
///   `ReplicatedReplacingMergeTree` at `<prefix>/<database>/<table>` with replica `{replica}`:
///   a path of their own per table, expanded by each server's macros;
/// - a staging table is a plain `ReplacingMergeTree` local to the pinned replica (the run sends
///   every statement to one replica), given its engine explicitly: `CREATE TABLE stage AS table`
///   alone would copy the replicated engine and its ZooKeeper path, and collide with the
///   original's replica (Code 253). `REPLACE PARTITION … FROM` a local table of the same
///   structure into a replicated one is a replicated operation on 18.16 (the other replicas
///   fetch the new parts), and a local stage needs neither ZooKeeper nodes nor `ON CLUSTER`
///   (which waits for every replica), so it works while another replica is down and leaves
///   nothing behind in ZooKeeper when a run dies.
public struct WarehouseDDL: Sendable, Equatable {
    /// Where the replicated tables live: the cluster's name in `remote_servers` and the
    /// ZooKeeper prefix under which each table gets `<database>/<table>`.
    public struct Cluster: Sendable, Equatable {
        public var name: String
        public var zooKeeperPrefix: String

        public init(name: String, zooKeeperPrefix: String) {
            self.name = name
            self.zooKeeperPrefix = zooKeeperPrefix
        }
    }

    public let database: String
    /// `nil`: one server.
    public let cluster: Cluster?

    public init(database: String, cluster: Cluster? = nil) {
        self.database = database
        self.cluster = cluster
    }

    private var onCluster: String { cluster.map { " ON CLUSTER \(SQLQuoting.identifier($0.name))" } ?? "" }

    public var createDatabase: String { "CREATE DATABASE IF NOT EXISTS \(SQLQuoting.identifier(database))\(onCluster)" }

    /// The table's DDL (`IF NOT EXISTS`), with its settings (``IngestSchema/settings``).
    public func createTable(_ table: TableDefinition) -> String {
        table.createTableSQL(database: database, onCluster: cluster?.name, engine: engine(of: table)) + settings(of: table)
    }

    /// A staging table `stageName` (qualified) of `table`'s structure, for `REPLACE PARTITION`.
    func createStage(_ stageName: String, of table: TableDefinition) -> String {
        let original = "CREATE TABLE \(stageName) AS \(table.qualifiedName(database: database))"
        guard cluster != nil else { return original }
        return original + " " + table.engineSQL(.replacing) + settings(of: table)
    }

    /// The engine of a warehouse table: replicated at its own path on a cluster.
    func engine(of table: TableDefinition) -> TableEngine {
        guard let cluster else { return .replacing }
        let prefix = cluster.zooKeeperPrefix.hasSuffix("/") ? String(cluster.zooKeeperPrefix.dropLast()) : cluster.zooKeeperPrefix
        return .replicatedReplacing(zooKeeperPath: "\(prefix)/\(database)/\(table.name)", replica: "{replica}")
    }

    /// The settings of the compaction's `OPTIMIZE`: none on one server. On a cluster, 18.16's
    /// `OPTIMIZE … FINAL` of a replicated table waits until every replica has merged, so with
    /// one replica down it hangs past any timeout; `replication_alter_partitions_sync = 0`
    /// returns once the merge is queued (it replicates when the replica is back). The merge is
    /// a convenience for readers without `FINAL`, never needed for correct numbers.
    var optimizeSettings: [String: String] { cluster == nil ? [:] : ["replication_alter_partitions_sync": "0"] }

    private func settings(of table: TableDefinition) -> String {
        IngestSchema.settings[table.name].map { "\nSETTINGS \($0)" } ?? ""
    }
}
