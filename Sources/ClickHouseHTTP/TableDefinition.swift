/// A table declared once, from which both the DDL and the insert's column list are derived,
/// so the two cannot drift apart.
///
/// The engine is always `ReplacingMergeTree` (replicated on a cluster: ``TableEngine``): the
/// ingester re-sends rows on retries and on overlapping windows, and a stable `ORDER BY` key
/// plus a version column is the idempotence that works on every server version (readers use
/// `FINAL`).
public struct TableDefinition: Sendable, Hashable {
    public let name: String
    public let columns: [ColumnDefinition]
    /// Sorting-key expressions, rendered as written (column names or SQL expressions).
    public let orderBy: [String]
    /// A partition expression rendered as written, e.g. `toYYYYMM(sales_date)`.
    public let partitionBy: String?
    public let versionColumn: String?

    public init(
        name: String,
        columns: [ColumnDefinition],
        orderBy: [String],
        partitionBy: String? = nil,
        versionColumn: String?
    ) {
        self.name = name
        self.columns = columns
        self.orderBy = orderBy
        self.partitionBy = partitionBy
        self.versionColumn = versionColumn
    }

    /// `db.name`, each part quoted when needed.
    public func qualifiedName(database: String) -> String {
        "\(SQLQuoting.identifier(database)).\(SQLQuoting.identifier(name))"
    }

    /// `CREATE TABLE IF NOT EXISTS db.name (...) ENGINE = ReplacingMergeTree[(version)]
    /// [PARTITION BY ...] ORDER BY (...)`, in a syntax that ClickHouse 18.16 and current
    /// servers both accept.
    public func createTableSQL(database: String) -> String {
        createTableSQL(database: database, onCluster: nil, engine: .replacing)
    }

    /// The same DDL with `engine`, and `ON CLUSTER cluster` when one is given (the statement
    /// then runs on every host of the cluster).
    public func createTableSQL(database: String, onCluster cluster: String?, engine: TableEngine) -> String {
        let cols = columns.map { "    \(SQLQuoting.identifier($0.name)) \($0.type.sql)" }.joined(separator: ",\n")
        let onCluster = cluster.map { " ON CLUSTER \(SQLQuoting.identifier($0))" } ?? ""
        return "CREATE TABLE IF NOT EXISTS \(qualifiedName(database: database))\(onCluster)\n(\n\(cols)\n)\n" + engineSQL(engine)
    }

    /// `ENGINE = … [PARTITION BY …] ORDER BY (…)`: the part of the DDL that decides how rows
    /// are stored, also given after `CREATE TABLE stage AS table` to create a table of the same
    /// columns with another engine.
    public func engineSQL(_ engine: TableEngine) -> String {
        var sql = "ENGINE = \(engine.sql(versionColumn: versionColumn))\n"
        if let partitionBy {
            sql += "PARTITION BY \(partitionBy)\n"
        }
        sql += "ORDER BY (\(orderBy.joined(separator: ", ")))"
        return sql
    }

    /// `INSERT INTO db.name (c1, c2, ...) FORMAT RowBinary`: the column list is explicit so a
    /// column added to the table later (with a default) does not shift the binary layout.
    public func insertSQL(database: String) -> String {
        let cols = columns.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ")
        return "INSERT INTO \(qualifiedName(database: database)) (\(cols)) FORMAT RowBinary"
    }
}
