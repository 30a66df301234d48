/// Work that must still happen when the run's task was cancelled (a SIGTERM), but not forever.
///
/// A cancelled task's requests are cancelled at once, so a flush, a cleanup or a final record
/// sent from it would be skipped. ``run(within:_:)`` runs the work in an unstructured task,
/// which the caller's cancellation does not reach, and waits for it at most `bound`: a
/// ClickHouse that hangs cannot hold the shutdown past its grace (`INGEST_SHUTDOWN_GRACE_SECONDS`).
enum Uncancelled {
    /// The work did not finish within its bound (it was cancelled then).
    struct Overdue: Error, CustomStringConvertible {
        let bound: Duration
        var description: String { "did not finish within \(bound) after the run was stopped" }
    }

    /// The bound of one such step: a third of the grace once the run was stopped (the calling
    /// task cancelled: the flush, the final record and the lock's release must all fit), and
    /// none but the step's own retry policy otherwise.
    static func bound(graceSeconds: Int) -> Duration {
        Task.isCancelled ? .seconds(graceSeconds) / 3 : .seconds(86_400)
    }

    /// The work's result, or ``Overdue`` when `bound` passed first.
    static func run<T: Sendable>(within bound: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task {
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await Task.sleep(for: bound)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else { throw Overdue(bound: bound) }
                return value
            }
        }.value
    }
}
