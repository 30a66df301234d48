import Foundation
import Logging
import QTicketsAPI

/// A backfill under the one lock its run took (``AdmitRun``): the slices of a ``BackfillPlan``,
/// newest first, each a run of its own (``IngestionRun/recorded(_:loss:window:unprepared:load:)``):
/// its `running` row, its orders, its days' facts recomputed, its final row with its bounds.
///
/// A slice the successful windows already cover is skipped with one line, so the same command
/// run again after a failure, a SIGTERM or a SIGKILL goes on where the last one stopped and
/// fetches nothing already loaded. The first slice that fails stops the backfill: it is
/// recorded `error`, the newer slices stay covered, and the report says how to go on.
struct BackfillRun: Sendable {
    let context: RunContext
    let loss: LockLoss
    /// The events and the inventory, fetched from the run's start (``RunPrefetch``); slice 1 takes them.
    let prefetch: RunPrefetch

    func run() async -> RunReport {
        let previous: [CoverageTracker.Window]
        let storedBefore: UInt64
        do {
            try await context.warehouse.prepareSchema()
            previous = try await context.warehouse.successfulWindows()
            storedBefore = try await context.warehouse.maxTicketID()
        } catch {
            let failure = IngestionRun.failure(error, lost: loss.reason, prefix: "ClickHouse not usable: ")
            return RunReport(
                runID: context.options.runID, failure: failure.kind, message: failure.message,
                metrics: await context.metrics.snapshot(), rowsByTable: [:], preview: [])
        }
        let plan = BackfillPlan(context, previous: previous)
        logPlan(plan, previous: previous)
        prefetch.listings?.plan(plan.listings(previous: previous, context: context), final: true)
        var progress = BackfillProgress(runID: context.options.runID, covered: previous)
        let results = SliceResults()
        // One staging table for every slice's recompute, dropped at the end (``DailyStageState``).
        await context.warehouse.keepingDailyStage {
            await withTaskGroup(of: Void.self) { group in
                // The newer slice whose orders are loaded and that may still be recomputing.
                var newer: (slice: BackfillSlice, name: String, window: CoverageTracker.Window, handoff: SliceHandoff)?
                // Whether a slice has prepared the warehouse (the first one that runs does it all).
                var prepared = false
                // How densely the newer slice's range held orders (the next one cuts its listing by it).
                var density: ListingDensity?
                for slice in plan.slices {
                    let name = slice.name(in: context.calendar)
                    if plan.isLoaded(slice, previous: progress.covered) {
                        context.logger.info("Slice \(name) already loaded, skipped", metadata: ["slice": "\(name)", "position": "\(slice.position)"])
                        continue
                    }
                    await context.metrics.setSlice("\(name) \(slice.position)")
                    // The older slices this backfill still loads (those already covered are skipped).
                    let pending = plan.slices.filter { $0.number > slice.number && !plan.isLoaded($0, previous: progress.covered) }
                    let days = SliceDays(slice: slice, pending: pending, calendar: context.calendar)
                    // The newer slice's window counts as covered: if that slice fails, so does this one.
                    let covered = progress.covered + (newer.map { [$0.window] } ?? [])
                    let handoff = SliceHandoff(newer: newer.map { newer in
                        (newer.name, newer.handoff, { await results.result(of: newer.slice.number).report.failure == nil })
                    })
                    let (events, completeDays, warehousePrepared) = (progress.events, progress.completeDays, prepared)
                    let expectedPages = slice.isOpen ? nil : density?.pages(from: slice.from, to: slice.to)
                    group.addTask {
                        let result = await load(
                            slice, name: name, covered: covered, days: days, storedBefore: storedBefore, events: events,
                            completeDays: completeDays, warehousePrepared: warehousePrepared, expectedPages: expectedPages, handoff: handoff)
                        await results.post(slice.number, result)
                        await handoff.ended()
                    }
                    let outcome = await handoff.wait()
                    if let previous = newer {
                        let result = await results.result(of: previous.slice.number)
                        progress.add(result.report, window: result.window, slice: previous.slice, name: previous.name, logger: context.logger)
                    }
                    guard case let .loaded(loaded) = outcome, !progress.failed else {
                        let result = await results.result(of: slice.number)
                        progress.add(result.report, window: result.window, slice: slice, name: name, logger: context.logger)
                        newer = nil
                        break
                    }
                    (progress.events, progress.completeDays, density) = (loaded.events, loaded.completeDays, loaded.density)
                    newer = (slice, name, loaded.window, handoff)
                    prepared = true
                }
                if let last = newer {
                    let result = await results.result(of: last.slice.number)
                    progress.add(result.report, window: result.window, slice: last.slice, name: last.name, logger: context.logger)
                }
            }
        }
        prefetch.listings?.cancel()
        await context.metrics.setSlice(nil)
        // Once for the whole backfill, not after each slice (``FinishRun/compacts``).
        await FinishRun.compact(context)
        return progress.report(metrics: await context.metrics.snapshot())
    }

    /// One slice as a recorded run with its own id (`<run id>-<number>`, 1 the newest).
    ///
    /// `storedBefore`: the highest ticket id stored when the backfill began. With the window on
    /// `updated_at`, a slice's orders were last changed inside its range, so no newer slice of
    /// this backfill loaded them from its own range (a change since moves an order past every
    /// slice), and a ticket above that id was not stored before: only the tickets up to it are
    /// looked up (``StoredDayLookup``), none at all in a first backfill, whose look-ups cost
    /// ClickHouse 5 to 7 CPU-seconds per million orders for nothing. The payment-time
    /// completions still look up every ticket (an order a newer slice completed can come again
    /// in another state), and so does a window on `created_at` or `payed_at`.
    ///
    /// `expectedPages`: the pages the newer slice's density gives this slice's range
    /// (``ListingDensity``), so its listing is cut without a probe.
    private func load(
        _ slice: BackfillSlice, name: String, covered: [CoverageTracker.Window], days: SliceDays, storedBefore: UInt64,
        events: [Event]?, completeDays: Set<UInt16>, warehousePrepared: Bool, expectedPages: Int?, handoff: SliceHandoff
    ) async -> SliceResults.Result {
        let options = context.options
        let sliceContext = context.slice(
            runID: "\(options.runID)-\(slice.number)", now: slice.isOpen ? options.now : context.clock.now(), expectedListingPages: expectedPages,
            listings: prefetch.listings)
        let start = SliceStart(slice, covered: covered, skew: context.skew)
        let extra: Logger.Metadata = [
            "slice": "\(name)", "position": "\(slice.position)", "reason": "\(start.reason)",
            "window_to": "\(slice.isOpen ? "open" : slice.to.formatted(.iso8601))",
        ]
        return await IngestionRun.recorded(
            sliceContext, loss: loss, window: slice.window, warehousePrepared: warehousePrepared, compacts: false,
            unprepared: { IngestionRun.logStart(sliceContext, from: start.from, extra: extra) }
        ) { window in
            IngestionRun.logStart(sliceContext, from: start.from, extra: extra)
            if sliceContext.configuration.ordersDateColumn == "updated_at" { await sliceContext.tickets.lookUpOnly(idsUpTo: storedBefore) }
            let skippedMark = await sliceContext.metrics.skippedMark()
            let fetched: [Event]
            if let events { fetched = events } else { fetched = try await prefetch.events(sliceContext) }
            var complete = completeDays
            // The newest slice swaps in the inventory snapshot started with the run (``RunPrefetch``).
            var inventory: (@Sendable () async throws -> InventorySnapshot.Result)?
            if slice.isOpen {
                let prefetch = self.prefetch
                inventory = { try await prefetch.inventory(sliceContext, events: fetched) }
            }
            let hooks = SliceHooks(
                fetched: { sales, window in
                    let density = ListingDensity(orders: sales.orders, pageSize: sales.pageSize, window: window)
                    await handoff.loaded(.init(events: fetched, completeDays: sales.completeDays, window: window, density: density))
                },
                beforeCompletions: { await handoff.waitForNewerRows() },
                beforeRecompute: {
                    await handoff.wrote()
                    try await handoff.waitForNewer()
                })
            return try await IngestionRun.loadAndRecompute(
                sliceContext, events: fetched, from: start.from, to: slice.isOpen ? nil : slice.to, coveredSince: start.coveredSince,
                completeDays: &complete, slice: days, window: &window, skippedMark: skippedMark,
                inventory: inventory, hooks: hooks)
        }
    }

    private func logPlan(_ plan: BackfillPlan, previous: [CoverageTracker.Window]) {
        let loaded = plan.slices.filter { plan.isLoaded($0, previous: previous) }.count
        context.logger.info("Backfill in slices, newest first", metadata: [
            "run_id": "\(context.options.runID)", "from": "\(plan.slices.last?.from.formatted(.iso8601) ?? "-")",
            "to": "\(plan.slices.first.map { $0.isOpen ? "now" : $0.to.formatted(.iso8601) } ?? "-")",
            "slices": "\(plan.slices.count)", "slice_days": "\(context.configuration.sliceDays)", "already_loaded": "\(loaded)",
        ])
    }
}
