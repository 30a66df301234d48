/// Where a ``BatchingInserter``'s rows go: its table in one database, with the statement and
/// the name derived once.
struct InsertTarget: Sendable {
    let table: TableDefinition
    /// `INSERT INTO db.table (…) FORMAT RowBinary`.
    let sql: String
    /// `db.table`, for logs and errors.
    let qualifiedName: String

    init(table: TableDefinition, database: String) {
        self.table = table
        self.sql = table.insertSQL(database: database)
        self.qualifiedName = table.qualifiedName(database: database)
    }
}
