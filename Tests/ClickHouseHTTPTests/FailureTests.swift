import ClickHouseHTTP
import ClickHouseHTTPFixtures
import ClientSupport
import Foundation
import TestSupport
import Testing

/// Short retries so failure tests take seconds, not minutes.
let quickRetry = Backoff(maxAttempts: 3, baseDelay: .milliseconds(50), maxDelay: .milliseconds(200))

@Suite struct FailureTests {
    @Test func wrongPasswordIsFatalAndNeverShown() async throws {
        let server = try TestServer.load()
        let wrong = "wrong-\(UUID().uuidString)"
        try await TestServer.withClient(server.client(password: wrong)) { client in
        do {
            try await client.execute("SELECT 1")
            Issue.record("a wrong password was accepted")
        } catch let error as ClickHouseError {
            #expect(error.kind == .auth)
            #expect(!error.isRetryable)
            #expect(error.status == 401 || error.status == 403)
            #expect(!"\(error)".contains(wrong))
        }

        let reports = ReportLog()
        let inserter = BatchingInserter<SaleRow>(
            client: client, database: server.database,
            configuration: BatchingConfiguration(retry: quickRetry), logger: TestServer.logger,
            onBatch: { await reports.add($0) })
        try await inserter.append(SaleRow(1))
        do {
            _ = try await inserter.finish()
            Issue.record("insert with a wrong password succeeded")
        } catch let InsertError.batchFailed(table, rows, underlying) {
            #expect(table.hasSuffix(".sales"))
            #expect(rows == 1)
            #expect(underlying.kind == .auth)
            #expect(!String(describing: InsertError.batchFailed(table: table, rows: rows, underlying: underlying)).contains(wrong))
        }
        let stats = await inserter.currentStats()
        #expect(stats.retries == 0)  // not retried
        #expect(stats.failedBatches == 1 && stats.failedRows == 1)
        #expect(await reports.all.map(\.attempts) == [1])
        // A finished-with-failure inserter refuses more rows with the same error.
        await #expect(throws: InsertError.self) { try await inserter.append(SaleRow(2)) }
        }
    }

    @Test func unknownTableIsFatal() async throws {
        let server = try TestServer.load()
        try await server.withDatabase { client, db in
            let reports = ReportLog()
            let inserter = BatchingInserter<SaleRow>(
                client: client, database: db, configuration: BatchingConfiguration(retry: quickRetry),
                logger: TestServer.logger, onBatch: { await reports.add($0) })
            try await inserter.append(SaleRow(1))
            let error = try await #require(throws: InsertError.self) { try await inserter.flush() }
            guard case .batchFailed(_, let rows, let underlying) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(rows == 1)
            #expect(underlying.kind == .unknownTable)
            #expect(underlying.code == 60)
            #expect(!underlying.isRetryable)
            #expect(await reports.all.map(\.attempts) == [1])
        }
    }

    @Test func syntaxErrorIsFatal() async throws {
        let server = try TestServer.load()
        try await server.withClient(database: "") { client in
            let error = try await #require(throws: ClickHouseError.self) { try await client.execute("SELEKT 1") }
            #expect(error.kind == .syntax)
            #expect(error.code == 62)
            #expect(!error.description.contains(server.password))
        }
    }
}

/// Tests that stop and restart a private server.
@Suite(.serialized) struct ServerOutageTests {
    @Test func stoppedServerGivesRetryableErrorsThenAClearFailure() async throws {
        let (instance, server) = try await PrivateClickHouse.start()
        try await withCleanup {
            try await server.createSalesTable()
            // Short timeouts: AsyncHTTPClient keeps retrying a refused connection until the
            // request's deadline, so the deadline is what turns an outage into an error.
            try await TestServer.withClient(server.client(connectTimeout: .milliseconds(300), requestTimeout: .seconds(1))) { client in
            try await instance.stop()

            let reports = ReportLog()
            let inserter = BatchingInserter<SaleRow>(
                client: client, database: server.database,
                configuration: BatchingConfiguration(retry: quickRetry), logger: TestServer.logger,
                onBatch: { await reports.add($0) })
            try await inserter.append(contentsOf: (0..<1_000).map { SaleRow($0) })
            let error = try await #require(throws: InsertError.self) { _ = try await inserter.finish() }
            guard case .batchFailed(_, let rows, let underlying) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(rows == 1_000)
            #expect(underlying.kind == .network)
            #expect(underlying.isRetryable)  // retryable, but the attempts ran out
            #expect("\(error)".contains("1000 rows"))
            let stats = await inserter.currentStats()
            #expect(stats.retries == quickRetry.maxAttempts - 1)
            #expect(stats.lastRetriedError?.kind == .network)
            #expect(stats.failedRows == 1_000 && stats.rows == 0)
            let report = try #require(await reports.all.first)
            #expect(report.attempts == quickRetry.maxAttempts)
            #expect(report.retriedErrors.count == quickRetry.maxAttempts - 1)
            }
        } cleanup: {
            await instance.destroy()
        }
    }

    @Test func restartInTheMiddleOfAStreamLosesNothing() async throws {
        let (instance, server) = try await PrivateClickHouse.start()
        try await withCleanup {
            try await server.createSalesTable()
            try await TestServer.withClient(server.client(connectTimeout: .milliseconds(300), requestTimeout: .seconds(1))) { client in
            let db = server.database
            let inserter = BatchingInserter<SaleRow>(
                client: client, database: db,
                configuration: BatchingConfiguration(
                    maxRows: 5_000, maxAge: .milliseconds(50), compression: .gzip(level: 1),
                    maxInFlightBytes: 1 << 20,
                    retry: Backoff(maxAttempts: 100, baseDelay: .milliseconds(50), maxDelay: .milliseconds(300))),
                logger: TestServer.logger)
            let n = 200_000
            var outage: Task<Void, any Error>?
            for i in 0..<n {
                if i == n / 2 {
                    // Stop the server (the script waits until it is gone), keep it down longer
                    // than a request's deadline while the producer keeps appending and batches
                    // fail and retry, then start it again on the same port.
                    try await instance.stop()
                    outage = Task {
                        try await Task.sleep(for: .seconds(3))
                        try await instance.start()
                    }
                }
                try await inserter.append(SaleRow(i))
            }
            try await outage?.value
            let stats = try await inserter.finish()
            #expect(stats.rows == n)
            #expect(stats.retries > 0)
            #expect(stats.failedBatches == 0)
            // At-least-once delivery + ReplacingMergeTree: every key is present, and a batch the
            // server stored but could not confirm collapses under FINAL.
            let counts = try await client.query("SELECT count(), uniqExact(ticket_id) FROM \(db).sales FINAL")
            #expect(counts == "\(n)\t\(n)\n")
            }
        } cleanup: {
            await instance.destroy()
        }
    }
}

extension TestServer {
    /// Creates the database and `SaleRow`'s table as the admin user.
    func createSalesTable() async throws {
        try await withClient(admin: true, database: "default") { admin in
            try await admin.execute("CREATE DATABASE IF NOT EXISTS \(database)")
            try await admin.execute(SaleRow.table.createTableSQL(database: database))
        }
    }
}
