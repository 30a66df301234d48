import ClickHouseHTTP
import ClickHouseHTTPFixtures
import Foundation
import Testing

@Suite struct BatchingInserterTests {
    @Test func replacingMergeTreeKeepsTheNewerVersion() async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            try await client.execute(SaleRow.table.createTableSQL(database: db))
            for (version, price) in [(1, "100.10"), (2, "250.25")] {
                let inserter = BatchingInserter<SaleRow>(
                    client: client, database: db, configuration: BatchingConfiguration(), logger: TestServer.logger)
                try await inserter.append(SaleRow(42, version: UInt64(version), price: Decimal(string: price)!))
                _ = try await inserter.finish()
            }
            let raw = try await client.query("SELECT count() FROM \(db).sales")
            #expect(raw.trimmingCharacters(in: .whitespacesAndNewlines) == "2")  // two parts, not merged yet
            let rows = try await client.queryRows("SELECT ticket_id, price, version FROM \(db).sales FINAL")
            #expect(rows == [["ticket_id": "42", "price": "250.25", "version": "2"]])
        }
    }

    @Test func gzipAndPlainGiveIdenticalTables() async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            var checksums: [String] = []
            for compression in [Compression.none, .gzip(level: 6)] {
                try await client.execute("DROP TABLE IF EXISTS \(db).sales")
                try await client.execute(SaleRow.table.createTableSQL(database: db))
                let inserter = BatchingInserter<SaleRow>(
                    client: client, database: db,
                    configuration: BatchingConfiguration(maxRows: 7_000, compression: compression), logger: TestServer.logger)
                try await inserter.append(contentsOf: (0..<20_000).lazy.map { SaleRow($0) })
                let stats = try await inserter.finish()
                #expect(stats.rows == 20_000)
                #expect(stats.batches == 3)
                if case .gzip = compression {
                    #expect(stats.compressedBytes < stats.rawBytes / 2)
                } else {
                    #expect(stats.compressedBytes == stats.rawBytes)
                }
                checksums.append(try await client.query("""
                    SELECT count(), sum(cityHash64(ticket_id, order_id, event_id, show_id, sales_date, sale_ts, city,
                      event_name, quantity, toString(price), ifNull(toString(refunded_at), 'NULL'), version))
                    FROM \(db).sales
                    """))
            }
            #expect(checksums.count == 2)
            #expect(checksums[0] == checksums[1])
            #expect(checksums[0].hasPrefix("20000\t"))
        }
    }

    @Test func millionRowsStreamInSeveralBatches() async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            try await client.execute(SaleRow.table.createTableSQL(database: db))
            let reports = ReportLog()
            let inserter = BatchingInserter<SaleRow>(
                client: client, database: db,
                configuration: BatchingConfiguration(maxRows: 100_000, maxBytes: 64 << 20, maxAge: .seconds(600), compression: .gzip(level: 1)),
                logger: TestServer.logger, onBatch: { await reports.add($0) })
            for i in 0..<1_000_000 { try await inserter.append(SaleRow(i)) }
            let stats = try await inserter.finish()
            #expect(stats.rows == 1_000_000)
            #expect(stats.batches > 1)
            #expect(stats.batches == 10)
            let all = await reports.all
            #expect(all.count == stats.batches)
            #expect(all.allSatisfy { $0.error == nil && $0.table == "sales" })
            let counts = try await client.query("SELECT count(), uniqExact(ticket_id) FROM \(db).sales")
            #expect(counts == "1000000\t1000000\n")
        }
    }

    /// An array handed over at once still waits for capacity between its rows: with room for
    /// one batch in flight, the 20,000 rows go as 20 batches, each cut while the one before is
    /// unconfirmed, and every row arrives once.
    @Test func anArrayWaitsForCapacityBetweenItsRowsAndKeepsEveryRow() async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            try await client.execute(SaleRow.table.createTableSQL(database: db))
            let inserter = BatchingInserter<SaleRow>(
                client: client, database: db,
                configuration: BatchingConfiguration(maxRows: 1_000, maxAge: .seconds(600), maxInFlightBytes: 1),
                logger: TestServer.logger)
            try await inserter.append(contentsOf: (0..<20_000).map { SaleRow($0) })
            // The last batch's first row waited for the 19th batch's answer.
            #expect(await inserter.currentStats().batches >= 19)
            let stats = try await inserter.finish()
            #expect(stats.rows == 20_000)
            #expect(stats.batches == 20)
            let counts = try await client.query("SELECT count(), uniqExact(ticket_id), sum(ticket_id) FROM \(db).sales")
            #expect(counts == "20000\t20000\t\((0..<20_000).reduce(0, +))\n")
        }
    }

    @Test func maxAgeFlushesATrickle() async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            try await client.execute(SaleRow.table.createTableSQL(database: db))
            let inserter = BatchingInserter<SaleRow>(
                client: client, database: db,
                configuration: BatchingConfiguration(maxAge: .milliseconds(100)), logger: TestServer.logger)
            try await inserter.append(SaleRow(1))
            // No flush call: the age timer must send it.
            var stored = ""
            for _ in 0..<50 {
                try await Task.sleep(for: .milliseconds(100))
                stored = try await client.query("SELECT count() FROM \(db).sales")
                if stored == "1\n" { break }
            }
            #expect(stored == "1\n")
            let stats = try await inserter.finish()
            #expect(stats.batches == 1)
        }
    }

    @Test func aRowThatDoesNotFitIsRejectedBeforeSending() async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            try await client.execute(MisfitRow.table.createTableSQL(database: db))
            let inserter = BatchingInserter<MisfitRow>(
                client: client, database: db, configuration: BatchingConfiguration(), logger: TestServer.logger)
            await #expect(throws: RowSchemaError.self) { try await inserter.append(MisfitRow(mistake: .wrongType)) }
            try await inserter.append(MisfitRow())
            let stats = try await inserter.finish()
            #expect(stats.rows == 1)
        }
    }
}

/// Collects batch reports from the inserter's callback.
actor ReportLog {
    private(set) var all: [BatchReport] = []
    func add(_ report: BatchReport) { all.append(report) }
}
