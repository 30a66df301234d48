import QTicketsAPI
import Synchronization

/// What a run reads before it may write, fetched while the run lock's lease is taken: the
/// events, then the inventory snapshot (the seats of every pollable show).
///
/// Reading the API is not writing, so the events and the seats are fetched from the moment this
/// host's `flock` is held (a run that another run on this host keeps out sends nothing), while
/// the lease is claimed (``RunLock``) and the run reads what it needs before writing. The
/// snapshot's rows are held until the swap stamps them with a version
/// (``InventorySnapshot/Result/stamped(version:)``), since the version clock is seeded from the
/// warehouse only once the lock is held.
///
/// Why here: the lease used to wait for the server's clock to pass its claim's second, about a
/// second in which the run could not write. With only the events fetched then, a run under a
/// server's rate limit spent that second on one request and lost the other slots (1.17 s of a
/// 38.5 s backfill at 20 requests/s). The lease now takes milliseconds, but the seats are still
/// most of a run's requests (555 of 728 in a 100k-order backfill of 400 events), and starting
/// them first keeps the source busy from the run's first moment.
///
/// A backfill's first slices' orders too, once the seats are in (``SliceListings``). Their
/// windows come from the coverage read now, before the lock is held: a read, and a plan the
/// backfill replaces with its own under the lock (a listing no slice takes is cancelled). Under
/// a rate limit the seats come first, and no order is read before the lock is held.
final class RunPrefetch: Sendable {
    private struct Started: Sendable {
        var events: Task<[Event], any Error>
        var inventory: Task<InventorySnapshot.Result, any Error>
        var planning: Task<Void, Never>?
    }

    private let started = Mutex<Started?>(nil)
    /// A backfill's slice listings (``start(_:)`` made them), `nil` for any other run.
    private let slices = Mutex<SliceListings?>(nil)

    /// A backfill's slice listings, once ``start(_:)`` ran.
    var listings: SliceListings? { slices.withLock { $0 } }

    /// Starts the fetches (once).
    func start(_ context: RunContext) {
        started.withLock { started in
            guard started == nil else { return }
            let events = Task { try await FetchEvents(context: context).run() }
            let inventory = Task { try await InventorySnapshot(context: context).run(events: try await events.value) }
            var planning: Task<Void, Never>?
            if context.isBackfill {
                let listings = SliceListings(api: context.api, clock: context.clock)
                slices.withLock { $0 = listings }
                planning = Task {
                    _ = try? await inventory.value
                    guard !Task.isCancelled else { return }
                    // Nothing covered when the tables are not there yet (a first run).
                    let previous = (try? await context.warehouse.successfulWindows()) ?? []
                    guard !Task.isCancelled else { return }
                    listings.plan(BackfillPlan(context, previous: previous).listings(previous: previous, context: context), final: false)
                    listings.startFirst()
                }
            }
            started = Started(events: events, inventory: inventory, planning: planning)
        }
    }

    /// The prefetched events, or fetched now when nothing was started (a dry run takes no lock).
    /// A failure is the fetch's: the caller's run records it, as it would its own fetch's.
    func events(_ context: RunContext) async throws -> [Event] {
        guard let task = started.withLock({ $0?.events }) else { return try await FetchEvents(context: context).run() }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// The prefetched inventory snapshot (of the same events), or taken now when nothing was
    /// started.
    func inventory(_ context: RunContext, events: [Event]) async throws -> InventorySnapshot.Result {
        guard let task = started.withLock({ $0?.inventory }) else { return try await InventorySnapshot(context: context).run(events: events) }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// The run was refused, or is over: whatever is in flight stops.
    func cancel() {
        started.withLock { started in
            started?.events.cancel()
            started?.inventory.cancel()
            started?.planning?.cancel()
        }
        listings?.cancel()
    }
}
