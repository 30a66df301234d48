import ClickHouseHTTP
import NIOCore

/// The one funnel of the warehouse's statements: everything a run sends to ClickHouse, apart
/// from the ticket batches (``BatchingInserter``, which retries on its own), goes through
/// ``retrying(_:_:)``.
///
/// A reverse proxy's 502, a dropped connection or a timeout must not fail a run that a second
/// attempt would finish, so every statement is retried with the inserts' policy
/// (``BatchingConfiguration/retry``: `CLICKHOUSE_MAX_ATTEMPTS`, full-jitter backoff) when the
/// failure is transient (``ClickHouseError/isRetryable``). A failure after the server ran the
/// statement (its answer lost) means a retry may run it twice, so each unit retried here is
/// idempotent: reads, `IF NOT EXISTS` DDL, inserts into `ReplacingMergeTree` tables whose key
/// collapses a second copy, and sequences that start over from a known state (a staging table
/// truncated before it is filled; a staging table dropped before it is created).
extension ClickHouseWarehouse {
    /// Runs `statement` (DDL, `INSERT … SELECT`, `OPTIMIZE`), retried; it must be idempotent.
    func execute(_ statement: String, named what: String, settings: [String: String] = [:]) async throws {
        try await retrying(what) { try await client.execute(statement, settings: settings) }
    }

    /// One RowBinary INSERT of `body`, compressed once and resent byte for byte on a retry.
    func insert(_ statement: String, body: ByteBuffer, compression: Compression = .none, named what: String) async throws {
        let encoded = try client.encode(body, compression: compression)
        try await retrying(what) { try await client.insert(sql: statement, body: encoded) }
    }

    /// Runs `query` (retried) and decodes every row; a row that does not decode fails the read
    /// (`what` names the query in the error and in the retry log).
    func rows<T>(
        of query: String, named what: String, settings: [String: String] = [:], _ decode: ([String: String]) -> T?
    ) async throws -> [T] {
        try Self.decode(try await retrying(what) { try await client.queryRows(query, settings: settings) }, named: what, decode)
    }

    /// `rows`, decoded by `decode`, or ``WarehouseError/unexpectedResult(query:row:)``.
    static func decode<T>(_ rows: [[String: String]], named what: String, _ decode: ([String: String]) -> T?) throws -> [T] {
        try rows.map { row in
            guard let value = decode(row) else { throw WarehouseError.unexpectedResult(query: what, row: row) }
            return value
        }
    }

    /// Runs `attempt` until it succeeds, fails for good, or the policy gives up; each retry is
    /// logged with `what` (a description, never the SQL, which may be long) and the error (whose
    /// text never holds the password). A cancelled task is not retried: a signal stops the run.
    func retrying<T>(_ what: String, _ attempt: () async throws -> T) async throws -> T {
        let policy = batching.retry
        let started = ContinuousClock.now
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try await attempt()
            } catch let error as ClickHouseError where error.isRetryable && !error.isDistributedDDLTimeout && !Task.isCancelled {
                let wait = policy.delay(afterAttempt: attempts)
                guard policy.allowsRetry(afterAttempt: attempts, elapsed: ContinuousClock.now - started, wait: wait) else { throw error }
                logger.warning("Temporary ClickHouse error, retrying", metadata: [
                    "statement": "\(what)", "attempt": "\(attempts)", "wait": "\(wait)", "error": "\(error)",
                ])
                try await Task.sleep(for: wait)
            }
        }
    }

    /// Runs `body` with a staging table made by `create`, and drops it afterwards, whether
    /// `body` succeeded, failed or was cancelled.
    ///
    /// `CREATE TABLE` is not idempotent (sent again after it ran, it fails: the table exists),
    /// so the retried unit is drop-then-create. The final drop runs outside the caller's task
    /// (``Uncancelled``): after a SIGTERM the run's task is cancelled and a drop sent from it
    /// would be skipped, leaving the table forever. A drop that does not finish within
    /// ``stageCleanupBound`` is logged; the next run's ``dropStaleStages(liveWithinSeconds:)``
    /// removes the table.
    func withStage<T>(create: String, drop: String, named what: String, _ body: () async throws -> T) async throws -> T {
        try await makeStage(create: create, drop: drop, named: what)
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        await dropUncancelled(drop, named: what)
        return try result.get()
    }

    /// Makes a staging table afresh: drop-then-create, retried as one unit (``withStage``).
    func makeStage(create: String, drop: String, named what: String) async throws {
        try await retrying(what) {
            try await client.execute(drop)
            try await client.execute(create)
        }
    }

    /// How long a run waits for its staging table's drop (normally milliseconds).
    static let stageCleanupBound: Duration = .seconds(5)

    func dropUncancelled(_ drop: String, named what: String) async {
        let warehouse = self
        do {
            try await Uncancelled.run(within: Self.stageCleanupBound) { try await warehouse.execute(drop, named: "dropping \(what)") }
        } catch {
            logger.warning("Could not drop a staging table; the next run drops it", metadata: ["table": "\(what)", "error": "\(error)"])
        }
    }
}
