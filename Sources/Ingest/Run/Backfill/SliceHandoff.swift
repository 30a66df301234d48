import QTicketsAPI

/// Where one backfill slice meets its neighbours, so that the next (older) slice's fetch runs
/// while this one writes its last rows, recomputes its days and records itself.
///
/// A slice hands off as soon as its orders are read (``loaded(_:)``), before its ticket sink is
/// flushed: the events, the days complete by payment time and the window it covers are then
/// known, which is all the older slice needs to start. (Handing off after the flush left the
/// source idle for that last insert at every slice boundary: 36 ms of each 0.25 s slice of a
/// 100k-order backfill, and a slot of a rate limit lost each time.) The older slice's first
/// completion by payment time waits for this slice's rows to be written (``waitForNewerRows()``):
/// a completion reads orders by payment day, any of them, and its stored-state look-ups must see
/// what this slice wrote. Before it recomputes, it waits for the newer slice to end
/// (``waitForNewer()``): recomputes run one at a time, newest first, as they did one slice after
/// another, and a slice whose newer neighbour failed stops there, recorded `error`, instead of
/// recording days the failed slice left inexact.
///
/// Why this is safe while the older slice's fetch writes tickets: the older slice's orders were
/// last changed before the newer slice's range, so their tickets count in older days, and no
/// order is in both listings (one changed since moved past every slice); the newer slice's
/// recompute reads only its own days (through the ticket-day index), and the older slice's own
/// recompute comes after it.
actor SliceHandoff {
    /// What the older slice needs from this one to start.
    struct Loaded: Sendable {
        var events: [Event]
        var completeDays: Set<UInt16>
        var window: CoverageTracker.Window
        /// How densely the slice's range held orders: the older slice cuts its listing by it.
        var density: ListingDensity?
    }

    enum Outcome: Sendable {
        /// The slice's orders are loaded; it goes on to recompute and record.
        case loaded(Loaded)
        /// The slice ended before its orders were loaded (it failed, or was cancelled).
        case ended
    }

    /// The newer slice's end: whether it was recorded `ok`; `nil` for the first slice to run.
    private let newer: (@Sendable () async -> Bool)?
    private let newerName: String?
    /// The newer slice's handoff, for its rows (``waitForNewerRows()``).
    private let newerHandoff: SliceHandoff?
    private var outcome: Outcome?
    private var waiters: [CheckedContinuation<Outcome, Never>] = []
    private var written = false
    private var writeWaiters: [CheckedContinuation<Void, Never>] = []

    init(newer: (name: String, handoff: SliceHandoff, succeeded: @Sendable () async -> Bool)?) {
        self.newer = newer?.succeeded
        self.newerName = newer?.name
        self.newerHandoff = newer?.handoff
    }

    /// The slice's orders are loaded.
    func loaded(_ value: Loaded) {
        settle(.loaded(value))
    }

    /// The slice's rows are written (its ticket sink flushed).
    func wrote() {
        guard !written else { return }
        written = true
        for waiter in writeWaiters { waiter.resume() }
        writeWaiters = []
    }

    /// The slice's task is over; wakes a waiter that is still waiting for its load or its rows.
    func ended() {
        settle(.ended)
        wrote()
    }

    /// Until the slice's rows are written, or it ended.
    func waitUntilWritten() async {
        if written { return }
        await withCheckedContinuation { writeWaiters.append($0) }
    }

    /// Until the newer slice's rows are written, or it ended (at once for the first slice).
    nonisolated func waitForNewerRows() async {
        await newerHandoff?.waitUntilWritten()
    }

    /// Until the slice has loaded its orders or ended, whichever comes first.
    func wait() async -> Outcome {
        if let outcome { return outcome }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Until the newer slice has ended; throws when it failed.
    nonisolated func waitForNewer() async throws {
        guard let newer, let newerName else { return }
        guard await newer() else { throw NewerSliceFailed(name: newerName) }
    }

    private func settle(_ value: Outcome) {
        guard outcome == nil else { return }
        outcome = value
        for waiter in waiters { waiter.resume(returning: value) }
        waiters = []
    }
}

/// A slice that stopped before its recompute because the newer slice before it failed.
struct NewerSliceFailed: Error, CustomStringConvertible {
    let name: String
    var description: String { "stopped: the newer slice \(name) failed before this slice's days were recomputed" }
}
