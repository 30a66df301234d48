import Foundation
import QTicketsAPI
import Synchronization

/// A backfill's slice listings, started ahead of their slices (``OrderListing``): the first
/// from the run's start, once the seats are in (``RunPrefetch``), and each next one as soon as
/// the listing before it has a worker with nothing left to take (``drained(_:estimate:)``). A
/// slice takes the listing of exactly its window (``take(_:)``), or fetches its own when there
/// is none.
///
/// Why: a 100k-order backfill's source sat idle for most of the lease's old settle (0.5 to
/// 1.3 s of a 3.3 s run, once the seats were in; the lease now takes milliseconds) and for the
/// last page or two of each of its 14 slices, while one worker of four still read. Pages
/// fetched ahead wait, decoded, within a ``PageBudget`` of ``budgetPages`` for every listing
/// not yet taken; nothing is written before its slice runs, so writes keep their order and the
/// lock still comes first.
///
/// Why it is sound to read an older slice before the newer one is read: an order's ticket
/// versions order its states by `updated_at` (``TicketVersion``), so a state read early never
/// overwrites a later one read by a newer slice or the re-check; an order that changes after
/// its older slice read it moves past every slice, where the newest slice's re-check or the
/// next run reads it, exactly as when the older slice reads it last.
///
/// The prefetch's plan is made from the coverage read before the lock was held; the backfill's
/// own (``plan(_:final:)``, from the coverage read under the lock) replaces it, and a listing
/// started for a range no slice will read is cancelled: a wasted read, never a wrong row.
final class SliceListings: Sendable {
    /// Pages fetched ahead and not yet taken, at most: about 0.5 MB each decoded (1,000 orders,
    /// 1.75 tickets each), so 24 MB at most, and flat; about 0.6 s of the fake's time. Measured
    /// and left, when the lease still settled: 72 pages, 1M orders, settles made long:
    /// wall / same requests 1.24 and 1.28 against 1.23 and 1.33 with 48, but 91 to 94 MB at
    /// peak against 83 to 85.
    static let budgetPages = 48
    /// Pages one listing holds in its buffer: one per worker, as a slice's own fetch does.
    /// Measured (release, pinned, 1M orders): 16 held 88 to 93 MB at peak and 4 held 77 to 80,
    /// with the same wall time within the noise; at 5M orders, 8 held 85 MB and 4 held 76.
    static let capacity = 4

    private struct State {
        /// The slices' windows, newest first.
        var plan: [KeysetRange] = []
        /// Whether the plan is the backfill's own (a later prefetch plan is then ignored).
        var final = false
        var started: [KeysetRange: OrderListing] = [:]
        /// Ranges a slice read (taking a listing or fetching its own): never started again.
        var taken: Set<KeysetRange> = []
        /// Whether a slice took a listing: a listing started before that, while the newest
        /// slice waits for the seats and nothing else holds memory, may read ahead the whole
        /// budget; one started beside a running slice holds ``capacity`` pages.
        var sliceRunning = false
        var closed = false
    }

    private let api: QTicketsClient
    private let clock: RunClock
    private let budget = PageBudget(pages: budgetPages)
    private let state = Mutex(State())

    init(api: QTicketsClient, clock: RunClock) {
        self.api = api
        self.clock = clock
    }

    /// Sets the slices' windows. The prefetch's (`final: false`) is ignored once the backfill
    /// set its own; the backfill's cancels the listings started for windows it will not read.
    func plan(_ ranges: [KeysetRange], final: Bool) {
        let dropped = state.withLock { state -> [OrderListing] in
            guard final || !state.final, !state.closed else { return [] }
            state.plan = ranges
            state.final = final
            let keep = Set(ranges)
            let dropped = state.started.filter { !keep.contains($0.key) }
            for range in dropped.keys { state.started[range] = nil }
            return Array(dropped.values)
        }
        for listing in dropped { listing.cancel() }
    }

    /// Starts the first window's listing, unless it is started or read already.
    func startFirst() {
        guard let first = state.withLock({ $0.plan.first }) else { return }
        start(first, expectedPages: nil)
    }

    /// The listing started for exactly `range`, if any; from now on `range` is the slice's.
    func take(_ range: KeysetRange) -> OrderListing? {
        state.withLock { state in
            state.taken.insert(range)
            state.sliceRunning = true
            return state.started.removeValue(forKey: range)
        }
    }

    /// `range`'s listing has a free worker: the next window's listing starts, cut by the
    /// density `estimate` gives (``ListingDensity``).
    func drained(_ range: KeysetRange, estimate: ListingEstimate) {
        let next = state.withLock { state -> KeysetRange? in
            guard let index = state.plan.firstIndex(of: range), index + 1 < state.plan.count else { return nil }
            return state.plan[index + 1]
        }
        guard let next else { return }
        let window = CoverageTracker.Window(from: range.from, to: range.to ?? clock.now())
        let density = ListingDensity(orders: estimate.orders, pageSize: estimate.perPage, window: window)
        start(next, expectedPages: next.to.flatMap { to in density?.pages(from: next.from, to: to) })
    }

    /// The backfill is over: what no slice took stops.
    func cancel() {
        let left = state.withLock { state -> [OrderListing] in
            state.closed = true
            defer { state.started = [:] }
            return Array(state.started.values)
        }
        for listing in left { listing.cancel() }
    }

    private func start(_ range: KeysetRange, expectedPages: Int?) {
        state.withLock { state in
            guard !state.closed, state.started[range] == nil, !state.taken.contains(range) else { return }
            state.started[range] = api.startOrderListing(
                in: range, splittingUntil: clock.now(), expectingPages: expectedPages, budget: budget, capacity: Self.capacity,
                readAhead: state.sliceRunning ? nil : Self.budgetPages,
                drained: { [weak self] in self?.drained(range, estimate: $0) })
        }
    }
}
