import ClientSupport

extension RunMetrics {
    /// Runs `body` as phase `name`: under way for the progress line while it runs, its wall
    /// time added to the phase afterwards. A phase that throws is not timed: its failure is what
    /// the run reports.
    nonisolated func measure<T: Sendable>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        await beginPhase(name)
        let start = ContinuousClock.now
        do {
            let value = try await body()
            await endPhase(name, seconds: (ContinuousClock.now - start).inSeconds)
            return value
        } catch {
            await endPhase(name, seconds: nil)
            throw error
        }
    }
}
