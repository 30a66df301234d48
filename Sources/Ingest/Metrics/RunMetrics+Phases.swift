import ClientSupport

extension RunMetrics {
    /// Runs `body` and adds its wall time to phase `name` of the metrics. A phase that throws
    /// is not timed: its failure is what the run reports.
    nonisolated func measure<T: Sendable>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        let value = try await body()
        await recordPhase(name, seconds: (ContinuousClock.now - start).inSeconds)
        return value
    }
}
