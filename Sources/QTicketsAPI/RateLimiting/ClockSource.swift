/// Any `Clock<Duration>` reduced to "time elapsed since creation" and "sleep for".
///
/// The limiter and the retry loop only need relative time; erasing the clock's `Instant` type
/// here lets them store one clock without being generic, and lets tests inject a virtual clock.
struct ClockSource: Sendable {
    let elapsed: @Sendable () -> Duration
    let sleep: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        self.elapsed = { origin.duration(to: clock.now) }
        self.sleep = { duration in
            try await clock.sleep(until: clock.now.advanced(by: max(duration, .zero)), tolerance: nil)
        }
    }
}
