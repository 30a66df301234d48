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

    func run() async -> RunReport {
        let previous: [CoverageTracker.Window]
        do {
            try await context.warehouse.prepareSchema()
            previous = try await context.warehouse.successfulWindows()
        } catch {
            let failure = IngestionRun.failure(error, lost: loss.reason, prefix: "ClickHouse not usable: ")
            return RunReport(
                runID: context.options.runID, failure: failure.kind, message: failure.message,
                metrics: await context.metrics.snapshot(), rowsByTable: [:], preview: [])
        }
        let plan = plan(previous: previous)
        logPlan(plan, previous: previous)
        var progress = BackfillProgress(runID: context.options.runID, covered: previous)
        for slice in plan.slices {
            let name = slice.name(in: context.calendar)
            if !slice.isOpen, CoverageTracker.covers(slice.window, previous: progress.covered) {
                context.logger.info("Slice \(name) already loaded, skipped", metadata: ["slice": "\(name)", "position": "\(slice.position)"])
                continue
            }
            await context.metrics.setSlice("\(name) \(slice.position)")
            // The older slices this backfill still loads (those already covered are skipped).
            let pending = plan.slices.filter {
                $0.number > slice.number && !CoverageTracker.covers($0.window, previous: progress.covered)
            }
            let days = SliceDays(slice: slice, pending: pending, calendar: context.calendar)
            let (report, window) = await load(
                slice, name: name, covered: progress.covered, days: days, events: &progress.events, completeDays: &progress.completeDays)
            progress.add(report, window: window, slice: slice, name: name, logger: context.logger)
            if report.failure != nil { break }
        }
        await context.metrics.setSlice(nil)
        return progress.report(metrics: await context.metrics.snapshot())
    }

    /// `--from/--to` as given; a `--since-hours` backfill from its lookback, or from where the
    /// last successful window ended if that is earlier (``RunWindow``), to now.
    private func plan(previous: [CoverageTracker.Window]) -> BackfillPlan {
        let options = context.options
        let days = context.configuration.sliceDays
        if let dates = options.dates {
            let range = dates.range(in: context.calendar)
            return BackfillPlan(from: range.lowerBound, to: range.upperBound, now: options.now, sliceDays: days, calendar: context.calendar)
        }
        let window = RunWindow(now: options.now, sinceHours: options.sinceHours, previous: previous, skew: context.skew)
        return BackfillPlan(from: window.from, to: nil, now: options.now, sliceDays: days, calendar: context.calendar)
    }

    /// One slice as a recorded run with its own id (`<run id>-<number>`, 1 the newest).
    private func load(
        _ slice: BackfillSlice, name: String, covered: [CoverageTracker.Window], days: SliceDays, events: inout [Event]?,
        completeDays: inout Set<UInt16>
    ) async -> (report: RunReport, window: CoverageTracker.Window) {
        let options = context.options
        let sliceContext = context.slice(runID: "\(options.runID)-\(slice.number)", now: slice.isOpen ? options.now : context.clock.now())
        let start = SliceStart(slice, covered: covered, skew: context.skew)
        let extra: Logger.Metadata = [
            "slice": "\(name)", "position": "\(slice.position)", "reason": "\(start.reason)",
            "window_to": "\(slice.isOpen ? "open" : slice.to.formatted(.iso8601))",
        ]
        return await IngestionRun.recorded(
            sliceContext, loss: loss, window: slice.window, unprepared: { IngestionRun.logStart(sliceContext, from: start.from, extra: extra) }
        ) { window in
            IngestionRun.logStart(sliceContext, from: start.from, extra: extra)
            let fetched: [Event]
            if let events { fetched = events } else { fetched = try await FetchEvents(context: sliceContext).run() }
            events = fetched
            return try await IngestionRun.loadAndRecompute(
                sliceContext, events: fetched, from: start.from, to: slice.isOpen ? nil : slice.to, coveredSince: start.coveredSince,
                completeDays: &completeDays, slice: days, window: &window)
        }
    }

    private func logPlan(_ plan: BackfillPlan, previous: [CoverageTracker.Window]) {
        let loaded = plan.slices.filter { !$0.isOpen && CoverageTracker.covers($0.window, previous: previous) }.count
        context.logger.info("Backfill in slices, newest first", metadata: [
            "run_id": "\(context.options.runID)", "from": "\(plan.slices.last?.from.formatted(.iso8601) ?? "-")",
            "to": "\(plan.slices.first.map { $0.isOpen ? "now" : $0.to.formatted(.iso8601) } ?? "-")",
            "slices": "\(plan.slices.count)", "slice_days": "\(context.configuration.sliceDays)", "already_loaded": "\(loaded)",
        ])
    }
}
