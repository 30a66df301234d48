import ClientSupport
import Testing

@Suite struct BackoffTests {
    let backoff = Backoff(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1), deadline: .seconds(3))

    @Test func theCeilingDoublesPerAttemptUpToTheCap() {
        #expect(backoff.ceiling(afterAttempt: 1) == .milliseconds(100))
        #expect(backoff.ceiling(afterAttempt: 2) == .milliseconds(200))
        #expect(backoff.ceiling(afterAttempt: 4) == .milliseconds(800))
        #expect(backoff.ceiling(afterAttempt: 5) == .seconds(1))
        #expect(backoff.ceiling(afterAttempt: 500) == .seconds(1), "no overflow on absurd attempt numbers")
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        #expect(backoff.delay(afterAttempt: 3, unit: 0) == .zero)
        #expect(backoff.delay(afterAttempt: 3, unit: 0.5) == .milliseconds(200))
        #expect(backoff.delay(afterAttempt: 3, unit: 7) == .milliseconds(400), "a unit outside [0, 1] is clamped")
        for _ in 0..<100 {
            let wait = backoff.delay(afterAttempt: 2)
            #expect(wait >= .zero && wait <= .milliseconds(200))
        }
    }

    @Test func retriesStopAtTheAttemptCapOrTheDeadline() {
        #expect(backoff.allowsRetry(afterAttempt: 4, elapsed: .zero, wait: .zero))
        #expect(!backoff.allowsRetry(afterAttempt: 5, elapsed: .zero, wait: .zero))
        #expect(backoff.allowsRetry(afterAttempt: 1, elapsed: .seconds(2), wait: .seconds(1)))
        #expect(!backoff.allowsRetry(afterAttempt: 1, elapsed: .seconds(2), wait: .milliseconds(1_001)))
        let unbounded = Backoff(maxAttempts: 3, baseDelay: .zero, maxDelay: .zero)
        #expect(unbounded.allowsRetry(afterAttempt: 2, elapsed: .seconds(86_400), wait: .zero))
        #expect(Backoff(maxAttempts: 0, baseDelay: .zero, maxDelay: .zero).maxAttempts == 1)
    }
}
