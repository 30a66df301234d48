@testable import ClickHouseHTTP
import Testing

@Suite struct TableDefinitionTests {
    let table = TableDefinition(
        name: "fact_sales",
        columns: [
            ColumnDefinition("sales_date", .date),
            ColumnDefinition("sale_ts", .dateTime(timeZone: "Europe/Moscow")),
            ColumnDefinition("city", .lowCardinalityString),
            ColumnDefinition("revenue", .decimal(precision: 18, scale: 2)),
            ColumnDefinition("refunded_at", .nullable(.dateTime(timeZone: nil))),
            ColumnDefinition("tags", .array(.string)),
            ColumnDefinition("version", .uInt64),
        ],
        orderBy: ["sales_date", "city"], partitionBy: "toYYYYMM(sales_date)", versionColumn: "version")

    @Test func ddlFromTheDeclaration() {
        #expect(table.createTableSQL(database: "zakaz") == """
            CREATE TABLE IF NOT EXISTS zakaz.fact_sales
            (
                sales_date Date,
                sale_ts DateTime('Europe/Moscow'),
                city LowCardinality(String),
                revenue Decimal(18, 2),
                refunded_at Nullable(DateTime),
                tags Array(String),
                version UInt64
            )
            ENGINE = ReplacingMergeTree(version)
            PARTITION BY toYYYYMM(sales_date)
            ORDER BY (sales_date, city)
            """)
    }

    @Test func insertColumnListFromTheSameDeclaration() {
        #expect(table.insertSQL(database: "zakaz")
            == "INSERT INTO zakaz.fact_sales (sales_date, sale_ts, city, revenue, refunded_at, tags, version) FORMAT RowBinary")
    }

    @Test func oddNamesAreQuoted() {
        #expect(SQLQuoting.identifier("order") == "order")
        #expect(SQLQuoting.identifier("my-table") == "`my-table`")
        #expect(SQLQuoting.identifier("1x") == "`1x`")
        #expect(ClickHouseType.dateTime(timeZone: "It's").sql == "DateTime('It\\'s')")
    }
}
