import AsyncHTTPClient
import Foundation
import Testing

@testable import QTicketsFake

@Suite struct FaultTests {
    @Test func status429EveryNthWithRetryAfterSeconds() async throws {
        let plan = FaultPlan(status429EveryN: 3, retryAfterSeconds: 7)
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: plan) { fake in
            var statuses: [Int] = []
            for _ in 0..<9 {
                let reply = try await fake.get("orders")
                statuses.append(reply.status)
                if reply.status == 429 { #expect(reply.headers.first(name: "retry-after") == "7") }
            }
            #expect(statuses == [200, 200, 429, 200, 200, 429, 200, 200, 429])
            #expect(await fake.server.stats().injected429 == 3)
        }
    }

    @Test func status429BurstWithHTTPDateRetryAfter() async throws {
        let plan = FaultPlan(status429Burst: .init(start: 2, count: 2), retryAfterSeconds: 30, retryAfterAsHTTPDate: true)
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: plan) { fake in
            let first = try await fake.get("events")
            let sent = Date()
            let second = try await fake.get("events")
            let received = Date()
            let statuses = [first, second, try await fake.get("events"), try await fake.get("events")]
            #expect(statuses.map(\.status) == [200, 429, 429, 200])
            let header = try #require(statuses[1].headers.first(name: "retry-after"))
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(formatter.date(from: header))
            // 30 s after the moment the server answered (whole seconds, rounded up), measured
            // against the request's own send and receive times, not "now" (late under load).
            #expect(date.timeIntervalSince(sent) >= 29 && date.timeIntervalSince(received) <= 31)

            await fake.server.setFaults(FaultPlan(status429EveryN: 1, omitRetryAfter: true))
            let bare = try await fake.get("events")
            #expect(bare.status == 429 && bare.headers.first(name: "retry-after") == nil)
        }
    }

    @Test func status503BurstWithTheRealBody() async throws {
        let plan = FaultPlan(status503Burst: .init(start: 1, count: 3))
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: plan) { fake in
            for _ in 0..<3 {
                let reply = try await fake.get("orders")
                #expect(reply.status == 503)
                #expect(reply.text == #"{"error":"Unknown error","status":503,"code":"UNKNOWN_ERROR","info":[]}"#)
            }
            let status2478 = try await fake.get("orders").status
            #expect(status2478 == 200)
            #expect(await fake.server.stats().injected503 == 3)
        }
    }

    @Test func faultsCanBeLimitedToRoutes() async throws {
        let plan = FaultPlan(routes: ["orders"], status503EveryN: 1)
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: plan) { fake in
            let status2843 = try await fake.get("events").status
            #expect(status2843 == 200)
            let status2907 = try await fake.get("orders").status
            #expect(status2907 == 503)
        }
    }

    @Test func latencyIsAddedAndConcurrencyObserved() async throws {
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: FaultPlan(latencyMilliseconds: 300)) { fake in
            let start = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await fake.get("events").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == [200, 200, 200, 200])
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            let stats = await fake.server.stats()
            #expect(stats.maxConcurrentRequests == 4)  // all four waited inside the server together
        }
    }

    @Test func slowBodiesArriveCompleteInChunks() async throws {
        let o = Fixtures.organiser(orders: 100)
        try await FakeHarness.with(o) { fake in
            let normal = try await fake.get("orders")
            await fake.server.setFaults(FaultPlan(slowBody: .init(chunkBytes: 8_192, delayMilliseconds: 50)))
            let start = ContinuousClock.now
            let slow = try await fake.get("orders")
            let chunks = (normal.body.readableBytes + 8_191) / 8_192
            #expect(chunks >= 3)
            #expect(ContinuousClock.now - start >= .milliseconds(50 * (chunks - 1)))
            #expect(slow.body == normal.body)
        }
    }

    @Test func droppedConnectionsGetNoAnswer() async throws {
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: FaultPlan(dropConnectionEveryN: 2)) { fake in
            let status4239 = try await fake.get("orders").status
            #expect(status4239 == 200)
            await #expect(throws: (any Error).self) { try await fake.get("orders") }
            let status4388 = try await fake.get("orders").status
            #expect(status4388 == 200)
            let stats = await fake.server.stats()
            #expect(stats.droppedConnections == 1)
        }
    }

    @Test(arguments: FaultPlan.MalformedMode.allCases)
    func malformedOrdersPage(mode: FaultPlan.MalformedMode) async throws {
        let plan = FaultPlan(malformedOrdersPage: 2, malformedMode: mode, malformedTimes: 1)
        try await FakeHarness.with(Fixtures.organiser(orders: 200), faults: plan) { fake in
            let page1 = try await fake.get("orders", body: "{\"page\":1}")
            #expect(page1.json != nil && page1.data.count == 50)
            let broken = try await fake.get("orders", body: "{\"page\":2}")
            #expect(broken.status == 200)
            switch mode {
            case .badPrice:
                #expect(broken.text.contains("\"price\":\"abc\""))
                #expect(broken.data.count == 50)
            case .missingID:
                #expect(broken.data.count == 50)
                #expect(broken.data.filter { $0["id"] == nil }.count == 1)
            case .truncated:
                #expect(broken.json == nil)
                #expect(broken.body.readableBytes > 100)
            }
            let again = try await fake.get("orders", body: "{\"page\":2}")
            #expect(!again.text.contains("\"abc\"") && again.data.count == 50 && again.data.allSatisfy { $0["id"] is Int })
            #expect(await fake.server.stats().malformedPages == 1)
        }
    }

    @Test func serverRateLimitRejectsAndCounts() async throws {
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: FaultPlan(serverRateLimit: 5)) { fake in
            let start = ContinuousClock.now
            let replies = try await withThrowingTaskGroup(of: FakeHarness.Reply.self) { group in
                for _ in 0..<30 { group.addTask { try await fake.get("events/\(Int.random(in: 1...9))") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - start
            let rejected = replies.filter { $0.status == 429 }
            #expect(rejected.allSatisfy { $0.headers.first(name: "retry-after") == "1" })
            let stats = await fake.server.stats()
            #expect(stats.rejectedByRateLimit == rejected.count)
            #expect((stats.byStatus[429] ?? 0) == rejected.count)
            #expect(stats.totalRequests == 30)
            if elapsed < .milliseconds(900) { #expect(rejected.count == 25) }  // 5 accepted in the first second
        }
    }

    @Test func slidingWindowIsExact() {
        var limiter = SlidingWindowLimiter(requestsPerSecond: 3)
        let s: UInt64 = 1_000_000_000
        let times: [UInt64] = [10 * s, 10 * s + 100, 10 * s + 200, 10 * s + 900_000_000, 11 * s + 1, 11 * s + 2, 11 * s + 300]
        var verdicts: [Bool] = []
        for t in times { verdicts.append(limiter.admit(nowNanoseconds: t)) }
        // 4th within one second refused; at 11s+1 the first left the window; at 11s+300 the 2nd and 3rd did.
        #expect(verdicts == [true, true, true, false, true, false, true])
    }
}
