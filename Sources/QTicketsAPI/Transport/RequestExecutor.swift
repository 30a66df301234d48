import ClientSupport
import Foundation
import Logging
import NIOCore

/// Runs one logical read request to completion: rate-limited attempts, classification of each
/// answer, jittered retries within the attempt and deadline budget, and decoding of the body.
///
/// Decoding happens inside the attempt so that a truncated or empty 200 body is retried like any
/// other transient failure.
struct RequestExecutor: Sendable {
    let baseURL: ServiceURL
    let token: Secret
    let transport: any QTicketsTransport
    let limiter: RateLimiter
    let retry: Backoff
    let requestTimeout: Duration
    let logger: Logger
    let observer: (any QTicketsObserver)?
    let time: ClockSource
    let random: @Sendable () -> Double

    func request(_ endpoint: Endpoint, body: [UInt8]?) -> TransportRequest {
        var headers: [(String, String)] = [
            ("Authorization", "Bearer " + token.revealed),
            ("Accept", "application/json"),
            // JSON pages shrink about tenfold; the transport inflates them.
            ("Accept-Encoding", "gzip"),
        ]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return TransportRequest(method: "GET", url: baseURL.appending(endpoint.path), headers: headers, body: body)
    }

    /// GETs `endpoint` with `body` and decodes the 2xx answer with `decode` (the fast decoders
    /// read the response buffer in place; events go through `JSONDecoder`).
    func get<T>(_ endpoint: Endpoint, body: [UInt8]?, decode: (ByteBuffer) throws -> T) async throws -> T {
        let outgoing = request(endpoint, body: body)
        let started = time.elapsed()
        var attempt = 0
        while true {
            attempt += 1
            let failure: ResponseClassifier.Failure
            try await limiter.acquire()
            let attemptStart = time.elapsed()
            do {
                let response = try await transport.send(outgoing, timeout: requestTimeout)
                await limiter.release()
                await observer?.requestCompleted(
                    endpoint: endpoint.label, status: response.status, attempt: attempt, duration: time.elapsed() - attemptStart)
                await observer?.responseReceived(
                    endpoint: endpoint.label, wireBytes: response.wireBytes, bodyBytes: response.body.readableBytes)
                if (200..<300).contains(response.status) {
                    do {
                        guard response.body.readableBytes > 0 else {
                            throw QTicketsError.emptyBody(endpoint: endpoint.label, status: response.status)
                        }
                        defer { transport.recycle(response.body) }
                        return try decode(response.body)
                    } catch {
                        failure = ResponseClassifier.decodingFailure(
                            error, endpoint: endpoint, status: response.status, bodyBytes: response.body.readableBytes)
                    }
                } else {
                    failure = ResponseClassifier.failure(for: response, endpoint: endpoint)
                }
            } catch {
                await limiter.release()
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                await observer?.requestCompleted(
                    endpoint: endpoint.label, status: nil, attempt: attempt, duration: time.elapsed() - attemptStart)
                failure = ResponseClassifier.failure(forTransportError: error, endpoint: endpoint)
            }

            guard failure.retryable else { throw failure.error }
            guard attempt < retry.maxAttempts else {
                throw QTicketsError.retriesExhausted(endpoint: endpoint.label, attempts: attempt, lastError: failure.error)
            }
            let wait: Duration
            if let retryAfter = failure.retryAfter {
                // The server said when: pause everybody, not just this task.
                await limiter.pause(for: retryAfter)
                wait = retryAfter
            } else {
                wait = retry.delay(afterAttempt: attempt, unit: random())
            }
            guard retry.allowsRetry(afterAttempt: attempt, elapsed: time.elapsed() - started, wait: wait) else {
                throw QTicketsError.deadlineExceeded(endpoint: endpoint.label, lastError: failure.error)
            }
            logger.warning(
                "Temporary QTickets API error",
                metadata: [
                    "endpoint": "\(endpoint.label)",
                    "status": "\(failure.error.status.map(String.init) ?? "none")",
                    "attempt": "\(attempt)",
                    "wait": "\(String(format: "%.3f", wait.inSeconds))s",
                    "error": "\(failure.error)",
                ]
            )
            await observer?.retryScheduled(endpoint: endpoint.label, status: failure.error.status, attempt: attempt, wait: wait)
            try await time.sleep(wait)
        }
    }
}
