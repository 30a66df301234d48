import ClientSupport
import NIOConcurrencyHelpers
import Testing
@testable import QTicketsAPI

/// The limiter on a virtual clock: exact, instant, no wall-clock timing.
@Suite struct RateLimiterTests {
    /// Largest number of grants in any closed window of length `window`.
    static func maxInWindow(_ times: [Duration], _ window: Duration) -> Int {
        let sorted = times.sorted()
        var best = 0
        var start = 0
        for end in sorted.indices {
            while sorted[end] - sorted[start] > window { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }

    @Test(arguments: [(5.0, 5), (2.0, 1), (20.0, 3), (0.5, 2)])
    func neverAboveTheRateOverAnyWindow(_ rate: Double, _ burst: Int) async throws {
        let clock = TestClock()
        let limiter = RateLimiter(requestsPerSecond: rate, burst: burst, maxInFlight: 1000, clock: clock)
        let grants = NIOLockedValueBox<[Duration]>([])
        let total = 120
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    for _ in 0..<(total / 12) {
                        let grantedAt = try await clock.grantTime { try await limiter.acquire() }
                        grants.withLockedValue { $0.append(grantedAt) }
                        await limiter.release()
                    }
                }
            }
            try await group.waitForAll()
        }
        let times = grants.withLockedValue { $0 }
        #expect(times.count == total)
        for seconds in [0.0, 0.1, 0.5, 1, 2.5, 10, 60] {
            let window = Duration.seconds(seconds)
            let allowed = Double(burst) + rate * seconds
            #expect(Double(Self.maxInWindow(times, window)) <= allowed + 1e-9, "window \(seconds)s")
        }
        // …and it does not dawdle either: the whole run takes what the rate implies.
        let span = try #require(times.max()) - .zero
        let ideal = Double(total - burst) / rate
        #expect(abs(span.inSeconds - ideal) < 1 / rate + 1e-6)
    }

    @Test func inFlightCapIsRespected() async throws {
        let clock = TestClock()
        let limiter = RateLimiter(requestsPerSecond: 1000, burst: 1000, maxInFlight: 3, clock: clock)
        let counter = NIOLockedValueBox<(now: Int, peak: Int, done: Int)>((0, 0, 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask {
                    try await limiter.acquire()
                    counter.withLockedValue {
                        $0.now += 1
                        $0.peak = max($0.peak, $0.now)
                    }
                    // Hold the slot for a while (virtual time), yielding so others get a chance to cheat.
                    try await clock.sleep(for: .milliseconds(10 * (i % 4 + 1)))
                    await Task.yield()
                    counter.withLockedValue {
                        $0.now -= 1
                        $0.done += 1
                    }
                    await limiter.release()
                }
            }
            try await group.waitForAll()
        }
        let result = counter.withLockedValue { $0 }
        #expect(result.done == 40)
        #expect(result.peak == 3)
        let stats = await limiter.statistics
        #expect(stats.maxInFlightSeen == 3)
        #expect(stats.inFlight == 0)
    }

    @Test func retryAfterPausesEveryCaller() async throws {
        let clock = TestClock()
        let limiter = RateLimiter(requestsPerSecond: 10, burst: 10, maxInFlight: 10, clock: clock)
        try await limiter.acquire()
        await limiter.release()
        let pausedAt = clock.now.offset
        await limiter.pause(for: .seconds(7))
        let grants = NIOLockedValueBox<[Duration]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let grantedAt = try await clock.grantTime { try await limiter.acquire() }
                    grants.withLockedValue { $0.append(grantedAt) }
                    await limiter.release()
                }
            }
            try await group.waitForAll()
        }
        let times = grants.withLockedValue { $0 }.sorted()
        #expect(times.count == 8)
        #expect(times.allSatisfy { $0 >= pausedAt + .seconds(7) })
        // After the pause, requests resume at the rate, not in a burst of 10.
        #expect(Self.maxInWindow(times, .milliseconds(50)) == 1)
        #expect(await limiter.statistics.pauses == 1)
    }

    @Test func overlappingPausesKeepTheLaterEnd() async throws {
        let clock = TestClock()
        let limiter = RateLimiter(requestsPerSecond: 100, burst: 1, maxInFlight: 1, clock: clock)
        await limiter.pause(for: .seconds(5))
        await limiter.pause(for: .seconds(2))
        let grantedAt = try await clock.grantTime { try await limiter.acquire() }
        #expect(grantedAt >= .seconds(5))
    }

    @Test func cancelledWaitersLeave() async throws {
        let clock = TestClock()
        let limiter = RateLimiter(requestsPerSecond: 100, burst: 100, maxInFlight: 1, clock: clock)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        await Task.yield()
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await limiter.release()
        try await limiter.acquire()  // the slot is free again
    }
}
