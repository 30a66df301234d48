import Foundation
import Logging
import QTicketsAPI

/// One ingestion run, as its steps (DESIGN.md §2):
///
/// 0. ``AdmitRun``: the warehouse's time zone checked (read only), the run lock taken; a run
///    refused here writes nothing at all.
/// 1. ``PrepareWarehouse``: the schema (idempotent), the settings, the run's `running` row.
/// 2. The coverage read: the window starts at `now − since-hours`, or earlier to catch up after
///    an outage (``RunWindow``; a catch-up beyond `INGEST_MAX_CATCH_UP_HOURS` fails the run);
///    then ``FetchEvents``: the live events, all pages.
/// 3. ``LoadSalesAndInventory``: at once, the orders changed since the window's start streamed
///    into ticket rows (``SalesPipeline``: keyset streams, then a re-check, through the
///    stored-state look-up) and the pollable shows' seats into the inventory, swapped in whole;
///    the ticket sink flushed even after a failure.
/// 4. ``RecomputeDailySales``: the touched days' daily facts, inside the warehouse.
/// 5. ``FinishRun``: the final status with the metrics, the small tables merged, the report;
///    then the lock is released.
///
/// A backfill (`--from/--to`, or a `--since-hours` longer than one slice) runs steps 1 to 5
/// once per slice, newest first, under the one lock taken in step 0 (``BackfillRun``).
///
/// A failure anywhere (a fatal API error, a batch that could not be written, a malformed order
/// that had to be skipped, a show whose seats failed, a signal, a lost lock) ends the run as
/// `error` with its message: never a silent partial success.
struct IngestionRun: Sendable {
    let context: RunContext

    /// Runs to the end and reports; never throws.
    func run() async -> RunReport {
        let loss = LockLoss()
        let prefetch = RunPrefetch()
        let lock: RunLock?
        do {
            lock = try await AdmitRun(context: context).run(loss: loss, prefetch: prefetch)
        } catch {
            prefetch.cancel()
            return await refused(error)
        }
        // The locked part runs in a task of its own, so that a lost lease can stop it; a
        // signal (this task cancelled) stops it too.
        let locked = Task { await runLocked(loss: loss, prefetch: prefetch) }
        loss.attach { locked.cancel() }
        let report = await withTaskCancellationHandler { await locked.value } onCancel: { locked.cancel() }
        prefetch.cancel()  // not awaited when the run failed first, or every slice was loaded already
        await lock?.release()
        return report
    }

    private func runLocked(loss: LockLoss, prefetch: RunPrefetch) async -> RunReport {
        if context.isBackfill { return await BackfillRun(context: context, loss: loss, prefetch: prefetch).run() }
        // The lookback until the coverage read says otherwise; the end until the re-check begins.
        let lookback = RunWindow(now: context.options.now, sinceHours: context.options.sinceHours, previous: [], skew: context.skew)
        let window = CoverageTracker.Window(from: lookback.from, to: context.options.now)
        return await Self.recorded(context, loss: loss, window: window, unprepared: { logStart(lookback) }) {
            try await load(&$0, prefetch: prefetch)
        }.report
    }

    /// Steps 1 and 5 around `load` (steps 2 to 4), for one recorded window: a normal run, or one
    /// slice of a backfill (``BackfillRun``; `warehousePrepared`: an earlier slice of it prepared
    /// the warehouse; `compacts`: ``FinishRun/compacts``). Returns the report and the window as recorded
    /// (`unprepared` runs when the warehouse could not even be prepared, so the start line is
    /// still logged).
    static func recorded(
        _ context: RunContext, loss: LockLoss, window initial: CoverageTracker.Window, warehousePrepared: Bool = false,
        compacts: Bool = true, unprepared: () -> Void, load: (inout CoverageTracker.Window) async throws -> ([String: Int], FinishRun.Failure?)
    ) async -> (report: RunReport, window: CoverageTracker.Window) {
        var failure: FinishRun.Failure?
        var rows: [String: Int] = [:]
        var window = initial
        // Steps 2 to 4; what they throw is the run's failure.
        func loadWindow() async {
            do {
                (rows, failure) = try await load(&window)
            } catch {
                failure = Self.failure(error, lost: loss.reason)
            }
        }
        let recorded: Bool
        if warehousePrepared {
            // A later slice: its `running` row is written while its fetch starts, instead of
            // before it (the source sat idle for that insert at every slice boundary). Nothing
            // the slice writes depends on the row; it is awaited before the final row, and a
            // failure to write it fails the slice as a warehouse that could not be prepared does.
            async let running: Void = PrepareWarehouse(context: context).recordRunning(window: initial)
            await loadWindow()
            do {
                try await running
            } catch {
                failure = failure ?? Self.failure(error, lost: loss.reason, prefix: "ClickHouse not usable: ")
            }
            recorded = true
        } else {
            do {
                try await PrepareWarehouse(context: context).run(window: window)
                recorded = true
            } catch {
                unprepared()
                failure = Self.failure(error, lost: loss.reason, prefix: "ClickHouse not usable: ")
                recorded = false
            }
            if recorded { await loadWindow() }
        }
        let report = await FinishRun(context: context, compacts: compacts).run(failure: failure, rows: rows, recorded: recorded, window: window)
        return (report, window)
    }

    /// Steps 2 to 4; returns the rows written (or, in a dry run, that would be) per table, and
    /// the failure of a part that did not stop the rest (shows whose seats failed). `window`
    /// becomes what the run loaded: from its effective start to its re-check's start.
    private func load(_ window: inout CoverageTracker.Window, prefetch: RunPrefetch) async throws -> ([String: Int], FinishRun.Failure?) {
        let options = context.options
        let previous = try await context.warehouse.successfulWindows()
        let plan = RunWindow(now: options.now, sinceHours: options.sinceHours, previous: previous, skew: context.skew)
        window.from = plan.from
        logStart(plan)
        try plan.requireCatchUp(atMost: context.configuration.maxCatchUpHours)
        let coveredSince = CoverageTracker.coveredSince(current: window, previous: previous)
        let skippedMark = await context.metrics.skippedMark()
        let events = try await prefetch.events(context)
        var completeDays = Set<UInt16>()
        let context = self.context
        return try await Self.loadAndRecompute(
            context, events: events, from: plan.from, coveredSince: coveredSince, completeDays: &completeDays, window: &window,
            skippedMark: skippedMark, inventory: { try await prefetch.inventory(context, events: events) })
    }

    /// Steps 3 and 4 of a window whose start is decided: the sales (and, for an open window,
    /// the inventory) loaded, then the touched days recomputed. `to`: a backfill slice's
    /// upper bound (``BackfillSlice``); `window.to` becomes the re-check's start, or `to`.
    /// `completeDays`: the days a backfill's earlier slices completed by payment time (not read
    /// again), and then those this one did. `inventory`: the snapshot to swap in (an open
    /// window's), `nil` for none. `hooks`: where a backfill slice hands off to the
    /// next one and waits for the newer one (``SliceHandoff``).
    static func loadAndRecompute(
        _ context: RunContext, events: [Event], from: Date, to: Date? = nil, coveredSince: Date, completeDays: inout Set<UInt16>,
        slice: SliceDays = .none, window: inout CoverageTracker.Window, skippedMark: Int,
        inventory: (@Sendable () async throws -> InventorySnapshot.Result)?, hooks: SliceHooks = .none
    ) async throws -> ([String: Int], FinishRun.Failure?) {
        var skipped: (total: Int, kept: [MetricsSnapshot.SkippedRecord]) = (0, [])
        let start = window.from
        let loaded = try await LoadSalesAndInventory(context: context).run(
            events: events, from: from, to: to, coveredSince: coveredSince, complete: completeDays, slice: slice, inventory: inventory,
            beforeCompletions: hooks.beforeCompletions
        ) { sales in
            // Counted before the older slice starts: the records it skips are its own.
            skipped = await context.metrics.skipped(since: skippedMark)
            await hooks.fetched(sales, .init(from: start, to: sales.recheckStart ?? to ?? context.options.now))
        }
        window.to = loaded.recheckStart
        completeDays = loaded.completeDays
        try await hooks.beforeRecompute()
        let daily = try await RecomputeDailySales(context: context).run(days: loaded.touchedDays)
        let rows = [TicketRow.table.name: loaded.ticketRows, InventoryRow.table.name: loaded.inventoryRows, DailySalesRow.table.name: daily]
        guard !loaded.failedShows.isEmpty else {
            // Malformed records that had to be skipped fail the run: the facts may miss them.
            guard skipped.total > 0 else { return (rows, nil) }
            let ids = skipped.kept.prefix(20).map { $0.id.map(String.init) ?? "?" }.joined(separator: ",")
            let more = skipped.total > min(20, skipped.kept.count) ? ",…" : ""
            return (rows, FinishRun.Failure(
                kind: .run, message: "\(skipped.total) malformed record(s) skipped (ids \(ids)\(more)); the facts may miss them"))
        }
        let ids = loaded.failedShows.prefix(20).map { String($0.showID) }.joined(separator: ",")
        let first = loaded.failedShows[0].error
        return (rows, FinishRun.Failure(
            kind: .run,
            message: "seats of \(loaded.failedShows.count) show(s) could not be fetched (show ids \(ids)); their previous inventory rows were kept; first error: \(first)"))
    }

    /// A run that did not get in: nothing was written, nothing is recorded.
    private func refused(_ error: any Error) async -> RunReport {
        let failure: FinishRun.Failure
        switch error {
        case let error as RunLockError:
            if case .busy = error { failure = .init(kind: .lockBusy, message: "\(error)") } else { failure = .init(kind: .configuration, message: "\(error)") }
        case let error as TimeZoneMismatch:
            failure = .init(kind: .configuration, message: "\(error)")
        default:
            failure = Self.failure(error, lost: nil, prefix: "ClickHouse not usable: ")
        }
        return RunReport(
            runID: context.options.runID, failure: failure.kind, message: failure.message,
            metrics: await context.metrics.snapshot(), rowsByTable: [:], preview: [])
    }

    /// A failure as the report says it: a cancellation is `interrupted` (a signal), or the lost
    /// lock that caused it; another time zone is a configuration error.
    static func failure(_ error: any Error, lost: String?, prefix: String = "") -> FinishRun.Failure {
        if let lost { return .init(kind: .run, message: "stopped: \(lost)") }
        if let mismatch = error as? TimeZoneMismatch { return .init(kind: .configuration, message: "\(mismatch)") }
        if error is CancellationError {
            return .init(kind: .interrupted, message: "interrupted: the run was cancelled (SIGINT/SIGTERM) before it finished")
        }
        if Task.isCancelled { return .init(kind: .interrupted, message: "interrupted: \(prefix)\(error)") }
        return .init(kind: .run, message: "\(prefix)\(error)")
    }

    /// The start line: the effective window (open above: `window_to` is when the re-check will
    /// begin) and why it starts where it does.
    private func logStart(_ window: RunWindow) {
        Self.logStart(context, from: window.from, extra: [
            "reason": "\(window.reason.rawValue)", "window_hours": "\(window.hours)", "since_hours": "\(context.options.sinceHours)",
        ])
    }

    /// The start line of a run or of a backfill's slice, with what decided its window.
    static func logStart(_ context: RunContext, from: Date, extra: Logger.Metadata) {
        let options = context.options
        var metadata: Logger.Metadata = [
            "run_id": "\(options.runID)", "version": "\(options.toolVersion)", "organiser": "\(context.configuration.organiserName)",
            "window_from": "\(from.formatted(.iso8601))", "dry_run": "\(options.dryRun)", "time_zone": "\(context.calendar.timeZone.identifier)",
        ]
        metadata.merge(extra) { _, new in new }
        context.logger.info("Starting QTickets API ingestion run", metadata: metadata)
    }
}
