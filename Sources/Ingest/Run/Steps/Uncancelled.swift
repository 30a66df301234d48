/// Work that must still happen when the run's task was cancelled (a SIGTERM), but not forever.
///
/// A cancelled task's requests are cancelled at once, so a cleanup or a final record sent from
/// it would be skipped. ``run(within:_:)`` runs the work in an unstructured task, which the
/// caller's cancellation does not reach, and waits for it at most `bound`: a ClickHouse that
/// hangs cannot hold the shutdown past its grace (`INGEST_SHUTDOWN_GRACE_SECONDS`).
enum Uncancelled {
    /// The work's result, or `nil` when `bound` passed first (the work is then cancelled).
    static func run<T: Sendable>(within bound: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await Task {
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await Task.sleep(for: bound)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { return nil }
                return first
            }
        }.value
    }
}
