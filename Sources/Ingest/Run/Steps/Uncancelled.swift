import Synchronization

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

    /// The work's result, or ``Overdue`` when `bound` passed first. The work is then cancelled
    /// but not waited for: some waits do not end on cancellation (a batch in flight is waited
    /// for until its server answers), and a task group would wait for them.
    static func run<T: Sendable>(within bound: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = FirstOutcome(continuation)
            let worker = Task {
                do { outcome.resume(with: .success(try await work())) } catch { outcome.resume(with: .failure(error)) }
            }
            let timer = Task {
                try await Task.sleep(for: bound)
                outcome.resume(with: .failure(Overdue(bound: bound)))
                worker.cancel()
            }
            outcome.onResume { timer.cancel() }
        }
    }

    /// Resumes the continuation with whichever outcome comes first; later ones are dropped.
    private final class FirstOutcome<T: Sendable>: Sendable {
        private let state: Mutex<(continuation: CheckedContinuation<T, any Error>?, resumed: (@Sendable () -> Void)?)>

        init(_ continuation: CheckedContinuation<T, any Error>) {
            state = Mutex((continuation, nil))
        }

        func resume(with result: Result<T, any Error>) {
            let (continuation, resumed) = state.withLock { state in
                defer { state.continuation = nil }
                return (state.continuation, state.resumed)
            }
            guard let continuation else { return }
            continuation.resume(with: result)
            resumed?()
        }

        /// `action` runs once the continuation is resumed (at once if it already was).
        func onResume(_ action: @escaping @Sendable () -> Void) {
            let done = state.withLock { state in
                state.resumed = action
                return state.continuation == nil
            }
            if done { action() }
        }
    }
}
