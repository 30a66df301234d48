import QTicketsAPI
import Synchronization

/// The events, fetched while the run lock settles.
///
/// Taking the lock's lease waits until the server's clock is past the claim's second, and
/// 300 ms more (``RunLock``): about a second in which the run may not write. Reading the API is
/// not writing, so the events (a run's first requests, 37 pages for 362 events) are fetched
/// meanwhile, once this host's `flock` is held: a run that another run on this host keeps out
/// sends nothing. Under a rate limit that second was a second of requests lost: a 100k-order
/// backfill at 20 requests/s spent 1.064× requests / R, 2.7% of it here.
final class EventsPrefetch: Sendable {
    private let task = Mutex<Task<[Event], any Error>?>(nil)

    /// Starts the fetch (once).
    func start(_ context: RunContext) {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { try await FetchEvents(context: context).run() }
        }
    }

    /// The prefetched events, or fetched now when nothing was started (a dry run takes no lock).
    /// A failure is the fetch's: the caller's run records it, as it would its own fetch's.
    func events(_ context: RunContext) async throws -> [Event] {
        guard let started = task.withLock({ $0 }) else { return try await FetchEvents(context: context).run() }
        return try await withTaskCancellationHandler { try await started.value } onCancel: { started.cancel() }
    }

    /// The run was refused: whatever is in flight stops.
    func cancel() {
        task.withLock { $0?.cancel() }
    }
}
