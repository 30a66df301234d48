import ClientSupport
import Logging
import NIOCore

/// Compresses one batch and sends it until it is stored or fails for good.
///
/// A value with no shared state, run in a task outside the inserter actor: compressing a few
/// MB takes milliseconds that the actor spends encoding the next batch. Every retry sends the
/// very same bytes, so a retried batch is byte-identical to the first attempt.
struct BatchDelivery: Sendable {
    let client: ClickHouseClient
    let target: InsertTarget
    /// Its compression and retry settings.
    let configuration: BatchingConfiguration
    let logger: Logger

    func deliver(
        _ raw: ByteBuffer, rows: Int,
        onRetry: @Sendable (ClickHouseError, Int) async -> Void
    ) async -> BatchReport {
        let started = ContinuousClock.now
        var outcome = Outcome(table: target.table.name, rows: rows, rawBytes: raw.readableBytes, sentBytes: raw.readableBytes, started: started)
        let body: InsertBody
        do {
            body = try client.encode(raw, compression: configuration.compression)
        } catch {
            return outcome.report(error: error)
        }
        outcome.sentBytes = body.sentByteCount
        while true {
            outcome.attempts += 1
            let failure: ClickHouseError
            do {
                try await client.insert(sql: target.sql, body: body, lane: .batches)
                logger.debug("Batch inserted", metadata: [
                    "table": "\(target.qualifiedName)", "rows": "\(rows)", "bytes": "\(raw.readableBytes)",
                    "sent_bytes": "\(body.sentByteCount)", "attempts": "\(outcome.attempts)",
                ])
                return outcome.report(error: nil)
            } catch let error as ClickHouseError {
                failure = error
            } catch {
                failure = ClickHouseError(
                    status: nil, code: nil, message: "cancelled before the server confirmed the batch",
                    kind: .network, isRetryable: false)
            }
            let retry = configuration.retry
            let wait = retry.delay(afterAttempt: outcome.attempts)
            guard failure.isRetryable, !Task.isCancelled,
                retry.allowsRetry(afterAttempt: outcome.attempts, elapsed: ContinuousClock.now - started, wait: wait)
            else {
                logger.error("Batch insert failed", metadata: [
                    "table": "\(target.qualifiedName)", "rows": "\(rows)", "attempts": "\(outcome.attempts)", "error": "\(failure)",
                ])
                return outcome.report(error: failure)
            }
            logger.warning("Temporary ClickHouse error, retrying", metadata: [
                "table": "\(target.qualifiedName)", "rows": "\(rows)", "attempt": "\(outcome.attempts)", "wait": "\(wait)", "error": "\(failure)",
            ])
            outcome.retried.append(failure)
            await onRetry(failure, outcome.attempts)
            do { try await Task.sleep(for: wait) } catch {
                return outcome.report(
                    error: ClickHouseError(status: nil, code: nil, message: "cancelled while waiting to retry: \(failure.message)",
                                           kind: failure.kind, isRetryable: false))
            }
        }
    }

    /// What the delivery has done so far, turned into the batch's report at the end.
    private struct Outcome {
        let table: String
        let rows: Int
        let rawBytes: Int
        var sentBytes: Int
        let started: ContinuousClock.Instant
        var attempts = 0
        var retried: [ClickHouseError] = []

        func report(error: ClickHouseError?) -> BatchReport {
            BatchReport(
                table: table, rows: rows, rawBytes: rawBytes, compressedBytes: sentBytes, attempts: attempts,
                duration: ContinuousClock.now - started, retriedErrors: retried, error: error)
        }
    }
}
