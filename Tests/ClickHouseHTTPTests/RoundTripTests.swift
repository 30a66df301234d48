import ClickHouseHTTP
import ClickHouseHTTPFixtures
import Foundation
import Testing

@Suite struct RoundTripTests {
    @Test(arguments: [Compression.none, .gzip(level: 1)])
    func everyTypeReadsBackEqual(compression: Compression) async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            try await client.execute(AllTypesRow.table.createTableSQL(database: db))
            let inserter = BatchingInserter<AllTypesRow>(
                client: client, database: db,
                configuration: BatchingConfiguration(compression: compression, validateEveryRow: true),
                logger: TestServer.logger)
            try await inserter.append(contentsOf: AllTypesRow.samples)
            let stats = try await inserter.finish()
            #expect(stats.rows == AllTypesRow.samples.count)
            #expect(stats.batches == 1)
            #expect(stats.failedBatches == 0)

            let rows = try await client.queryRows("SELECT * FROM \(db).all_types ORDER BY id")
            try #require(rows.count == AllTypesRow.samples.count)
            for (row, sample) in zip(rows, AllTypesRow.samples) {
                for column in AllTypesRow.table.columns.map(\.name) {
                    #expect(row[column] == sample.expected[column], "row \(sample.id), column \(column)")
                }
            }
        }
    }

    /// The one-POST API, without the batching actor: plain and gzip bodies.
    @Test(arguments: [Compression.none, .gzip(level: 1)])
    func singleInsert(compression: Compression) async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            try await client.execute(SaleRow.table.createTableSQL(database: db))
            var writer = RowBinaryWriter()
            for i in 0..<1_000 { try writer.write(SaleRow(i), validate: i == 0) }
            try await client.insert(sql: SaleRow.table.insertSQL(database: db), body: writer.buffer, compression: compression)
            let rows = try await client.queryRows("SELECT count() AS n, sum(quantity) AS q, sum(price) AS p FROM \(db).sales")
            let expectedPrice = (0..<1_000).reduce(Decimal(0)) { $0 + SaleRow($1).price }
            try #require(rows.count == 1)
            #expect(rows[0]["n"] == "1000")
            #expect(rows[0]["q"] == "\((0..<1_000).reduce(0) { $0 + 1 + $1 % 4 })")
            #expect(rows[0]["p"].flatMap { Decimal(string: $0) } == expectedPrice)  // exact to the kopeck
        }
    }

    @Test func versionIsDetected() async throws {
        let server = try TestServer.load()
        let version = try await server.withClient(database: "") { try await $0.serverVersion() }
        #expect(version >= ClickHouseVersion(18, 16))
    }

    @Test func newerSettingsAreNotSentTo1816() async throws {
        let server = try TestServer.load()
        var config = try server.environment.configuration(database: "")
        // 18.16 rejects `async_insert` (Code 115) if it is sent; the client must withhold it.
        config.settings = ["async_insert": "1", "max_threads": "2"]
        let (version, answer) = try await TestServer.withClient(ClickHouseClient(configuration: config, logger: TestServer.logger)) {
            (try await $0.serverVersion(), try await $0.query("SELECT value FROM system.settings WHERE name = 'max_threads'"))
        }
        if version < ClickHouseVersion(21, 11) {
            #expect(answer.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        }
    }
}
