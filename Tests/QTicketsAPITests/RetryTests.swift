import AsyncHTTPClient
import ClientSupport
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Testing
@testable import QTicketsAPI

/// Retries, backoff, Retry-After and fail-fast cases, on a virtual clock.
@Suite struct RetryTests {
    static let one = #"{"data":\#(orderJSON(1))}"#

    /// Answers from `script` in order, then 200 with one order.
    static func transport(_ script: [Result<TransportResponse, HTTPClientError>]) -> ScriptedTransport {
        ScriptedTransport { _, index in
            guard index < script.count else { return .json(200, one) }
            return try script[index].get()
        }
    }

    @Test func serviceUnavailableIsRetriedAndLogged() async throws {
        let f = ClientFactory()
        let unknown = TransportResponse.json(503, #"{"error":"Unknown error","status":503,"code":"UNKNOWN_ERROR","info":[]}"#)
        let transport = Self.transport([.success(unknown), .success(unknown)])
        let order = try await f.client(transport).order(id: 1)
        #expect(order.id == 1)
        #expect(transport.requests.count == 3)
        #expect(f.observer.attempts.map(\.status) == [503, 503, 200])
        #expect(f.observer.retries.map(\.attempt) == [1, 2])
        // Full jitter with random 0.5: half of 0.5 s, then half of 1 s.
        #expect(f.observer.retries.map(\.wait) == [.milliseconds(250), .milliseconds(500)])
        let warnings = f.logs.all.filter { $0.level == .warning }
        #expect(warnings.map(\.message) == ["Temporary QTickets API error", "Temporary QTickets API error"])
        #expect(warnings.first?.metadata["endpoint"] == "orders/{id}")
        #expect(warnings.first?.metadata["status"] == "503")
        #expect(warnings.map { $0.metadata["attempt"] } == ["1", "2"])
        #expect(warnings.first?.metadata["wait"] == "0.250s")
        #expect(!f.tokenLeaked)
    }

    @Test func tooManyRequestsHonoursRetryAfterSecondsForEveryone() async throws {
        let f = ClientFactory()
        let limited = TransportResponse.json(429, #"{"error":"Too Many Requests"}"#, headers: [("Retry-After", "3")])
        let sendTimes = NIOLockedValueBox<[Duration]>([])
        let clock = f.clock
        let transport = ScriptedTransport { _, index in
            sendTimes.withLockedValue { $0.append(clock.now.offset) }
            return index == 0 ? limited : .json(200, Self.one)
        }
        let client = try f.client(transport, concurrency: 1)
        let order = try await client.order(id: 1)
        #expect(order.id == 1)
        #expect(f.observer.retries.first?.wait == .seconds(3))
        let times = sendTimes.withLockedValue { $0 }
        #expect(times.count == 2)
        #expect(times[1] - times[0] >= .seconds(3))
        #expect(await client.rateLimiter.statistics.pauses == 1)
        // Another caller after the 429 waited for the pause too (same limiter, same clock).
        _ = try await client.order(id: 2)
        #expect(sendTimes.withLockedValue { $0 }[2] >= times[0] + .seconds(3))
    }

    @Test func retryAfterAsHTTPDate() throws {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:57 GMT", now: now) == .seconds(20))
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil) == nil)
    }

    @Test(arguments: [401, 403])
    func rejectedTokenFailsFastAndClearly(_ status: Int) async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(status, #"{"error":"Wrong authorization"}"#) }
        let client = try f.client(transport)
        await #expect(throws: QTicketsError.tokenRejected(endpoint: "orders", status: status)) {
            for try await _ in client.orders(where: []) {}
        }
        #expect(transport.requests.count == 1)
        let error = QTicketsError.tokenRejected(endpoint: "orders", status: status)
        #expect("\(error)".contains("token rejected"))
        #expect(!"\(error)".contains(ClientFactory.token))
        #expect(!f.tokenLeaked)
    }

    @Test(arguments: [400, 404, 405, 422, 501])
    func permanentErrorsAreNotRetried(_ status: Int) async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(status, #"{"error":"Nope","status":\#(status),"code":"X","info":{}}"#) }
        await #expect(throws: QTicketsError.http(endpoint: "orders/{id}", status: status, message: "Nope (X)")) {
            _ = try await f.client(transport).order(id: 5)
        }
        #expect(transport.requests.count == 1)
        #expect(f.observer.retries.isEmpty)
    }

    @Test func htmlNotFoundPageBecomesATypedError() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in
            TransportResponse(status: 404, headers: [("Content-Type", "text/html")],
                              body: ByteBuffer(string: "<!DOCTYPE html><html><head><title>Страница не найдена 404 – Qtickets</title></head></html>"))
        }
        await #expect(throws: QTicketsError.http(endpoint: "shows/{id}/seats", status: 404, message: "HTML page: Страница не найдена 404 – Qtickets")) {
            _ = try await f.client(transport).seats(showID: 3)
        }
    }

    @Test func connectionErrorsAndTimeoutsAreRetried() async throws {
        let f = ClientFactory()
        let transport = Self.transport([.failure(.remoteConnectionClosed), .failure(.deadlineExceeded), .failure(.connectTimeout)])
        #expect(try await f.client(transport).order(id: 1).id == 1)
        #expect(f.observer.attempts.map(\.status) == [nil, nil, nil, 200])
        #expect(f.logs.all.filter { $0.message == "Temporary QTickets API error" }.map { $0.metadata["status"] } == ["none", "none", "none"])
    }

    @Test func emptyAndTruncatedBodiesAreRetriedThenTyped() async throws {
        let f = ClientFactory()
        let empty = TransportResponse(status: 200, body: ByteBuffer())
        let truncated = TransportResponse.json(200, #"{"data":{"id":1,"event_id":"#)
        let transport = Self.transport([.success(empty), .success(truncated)])
        #expect(try await f.client(transport).order(id: 1).id == 1)
        #expect(f.observer.retries.count == 2)

        let g = ClientFactory()
        let alwaysEmpty = ScriptedTransport { _, _ in TransportResponse(status: 200, body: ByteBuffer()) }
        await #expect(throws: QTicketsError.retriesExhausted(endpoint: "orders/{id}", attempts: 3,
                                                             lastError: .emptyBody(endpoint: "orders/{id}", status: 200))) {
            _ = try await g.client(alwaysEmpty, retry: Self.defaultRetry(maxAttempts: 3)).order(id: 1)
        }
        let h = ClientFactory()
        let alwaysCut = ScriptedTransport { _, _ in .json(200, #"{"data":["#) }
        do {
            _ = try await h.client(alwaysCut, retry: Self.defaultRetry(maxAttempts: 2)).order(id: 1)
            Issue.record("expected a failure")
        } catch let QTicketsError.retriesExhausted(endpoint, attempts, lastError) {
            #expect(endpoint == "orders/{id}" && attempts == 2)
            guard case .malformedBody(_, 200, _) = lastError else {
                Issue.record("unexpected \(lastError)")
                return
            }
        }
    }

    @Test func wrongShapeIsNotRetried() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(200, #"{"result":"ok"}"#) }
        await #expect(throws: QTicketsError.self) {
            for try await _ in try f.client(transport).orders(where: []) {}
        }
        #expect(transport.requests.count == 1)
    }

    @Test func attemptsAreCapped() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(502, "") }
        await #expect(throws: QTicketsError.retriesExhausted(endpoint: "orders/{id}", attempts: 6,
                                                             lastError: .http(endpoint: "orders/{id}", status: 502, message: "empty body"))) {
            _ = try await f.client(transport).order(id: 1)
        }
        #expect(transport.requests.count == 6)
        // Capped exponential: ceilings 0.5, 1, 2, 4, 8 s (×0.5 jitter).
        #expect(f.observer.retries.map(\.wait) == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func overallDeadlineStopsRetrying() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(503, "") }
        let policy = Backoff(maxAttempts: 100, baseDelay: .seconds(4), maxDelay: .seconds(8), deadline: .seconds(10))
        await #expect(throws: QTicketsError.deadlineExceeded(endpoint: "orders/{id}",
                                                             lastError: .http(endpoint: "orders/{id}", status: 503, message: "empty body"))) {
            _ = try await f.client(transport, retry: policy).order(id: 1)
        }
        // Waits 2 s, 4 s, 4 s (10 s: still within), then the next 4 s would cross the deadline.
        #expect(transport.requests.count == 4)
        #expect(f.observer.retries.map(\.wait) == [.seconds(2), .seconds(4), .seconds(4)])
    }

    @Test func theClientsDefaultBackoffIsCappedExponentialWithADeadline() {
        let p = QTicketsConfiguration.defaultRetry
        #expect((1...9).map { p.ceiling(afterAttempt: $0) } == [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30), .seconds(30),
        ])
        #expect(p.maxAttempts == 6)
        #expect(p.deadline == .seconds(300))
    }

    /// The client's default backoff with another attempt cap.
    static func defaultRetry(maxAttempts: Int) -> Backoff {
        var retry = QTicketsConfiguration.defaultRetry
        retry.maxAttempts = maxAttempts
        return retry
    }

    @Test func everyAttemptTakesAToken() async throws {
        let f = ClientFactory()
        let unknown = TransportResponse.json(503, "")
        let transport = Self.transport([.success(unknown), .success(unknown), .success(unknown)])
        let client = try f.client(transport)
        _ = try await client.order(id: 1)
        #expect(await client.rateLimiter.statistics.granted == 4)
        #expect(await client.rateLimiter.statistics.inFlight == 0)
    }
}
