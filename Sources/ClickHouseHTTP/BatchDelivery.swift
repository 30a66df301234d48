import Logging
import NIOCore

/// Compresses one batch and sends it until it is stored or fails for good.
///
/// A value with no shared state, run in a task outside the inserter actor: compressing a few
/// MB takes milliseconds that the actor spends encoding the next batch. Every retry sends the
/// very same bytes, so a retried batch is byte-identical to the first attempt.
struct BatchDelivery: Sendable {
    let client: ClickHouseClient
    let sql: String
    /// `db.table`, for logs.
    let table: String
    /// The bare table name, for reports.
    let tableName: String
    let compression: Compression
    let retry: ClickHouseRetryPolicy
    let logger: Logger

    func deliver(
        _ raw: ByteBuffer, rows: Int,
        onRetry: @Sendable (ClickHouseError, Int) async -> Void
    ) async -> BatchReport {
        let started = ContinuousClock.now
        var body = raw
        var gzip = false
        if case .gzip(let level) = compression {
            do {
                body = try GzipCompressor(level: level).compress(raw)
                gzip = true
            } catch {
                return report(rows: rows, raw: raw, body: raw, attempts: 0, started: started, retried: [],
                              error: ClickHouseError(status: nil, code: nil, message: "gzip: \(error)", kind: .server, isRetryable: false))
            }
        }
        var retried: [ClickHouseError] = []
        var attempt = 0
        while true {
            attempt += 1
            let failure: ClickHouseError
            do {
                try await client.insert(sql: sql, body: body, gzip: gzip)
                logger.debug("Batch inserted", metadata: [
                    "table": "\(table)", "rows": "\(rows)", "bytes": "\(raw.readableBytes)",
                    "sent_bytes": "\(body.readableBytes)", "attempts": "\(attempt)",
                ])
                return report(rows: rows, raw: raw, body: body, attempts: attempt, started: started, retried: retried, error: nil)
            } catch let error as ClickHouseError {
                failure = error
            } catch {
                failure = ClickHouseError(
                    status: nil, code: nil, message: "cancelled before the server confirmed the batch",
                    kind: .network, isRetryable: false)
            }
            guard failure.isRetryable, attempt < retry.maxAttempts, !Task.isCancelled else {
                logger.error("Batch insert failed", metadata: [
                    "table": "\(table)", "rows": "\(rows)", "attempts": "\(attempt)", "error": "\(failure)",
                ])
                return report(rows: rows, raw: raw, body: body, attempts: attempt, started: started, retried: retried, error: failure)
            }
            let wait = retry.delay(afterAttempt: attempt)
            logger.warning("Temporary ClickHouse error, retrying", metadata: [
                "table": "\(table)", "rows": "\(rows)", "attempt": "\(attempt)", "wait": "\(wait)", "error": "\(failure)",
            ])
            retried.append(failure)
            await onRetry(failure, attempt)
            do { try await Task.sleep(for: wait) } catch {
                return report(rows: rows, raw: raw, body: body, attempts: attempt, started: started, retried: retried,
                              error: ClickHouseError(status: nil, code: nil, message: "cancelled while waiting to retry: \(failure.message)",
                                                     kind: failure.kind, isRetryable: false))
            }
        }
    }

    private func report(
        rows: Int, raw: ByteBuffer, body: ByteBuffer, attempts: Int, started: ContinuousClock.Instant,
        retried: [ClickHouseError], error: ClickHouseError?
    ) -> BatchReport {
        BatchReport(
            table: tableName, rows: rows, rawBytes: raw.readableBytes, compressedBytes: body.readableBytes,
            attempts: attempts, duration: ContinuousClock.now - started, retriedErrors: retried, error: error)
    }
}
