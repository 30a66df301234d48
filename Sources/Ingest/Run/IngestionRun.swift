import Foundation
import Logging

/// One ingestion run, as its steps (DESIGN.md §2):
///
/// 1. ``PrepareWarehouse``: the schema (idempotent) and the run's `running` row.
/// 2. The coverage read: the window starts at `now − since-hours`, or earlier to catch up after
///    an outage (``RunWindow``; a catch-up beyond `INGEST_MAX_CATCH_UP_HOURS` fails the run);
///    then ``FetchEvents``: the live events, all pages.
/// 3. ``LoadSalesAndInventory``: at once, the orders changed since the window's start streamed
///    into ticket rows (``SalesPipeline``: keyset streams, then a re-check) and the pollable
///    shows' seats into inventory rows (``InventorySnapshot``); both sinks flushed even after
///    a failure.
/// 4. ``RecomputeDailySales``: the touched days' daily facts, inside the warehouse.
/// 5. ``FinishRun``: the final status with the metrics, the small tables merged, the report.
///
/// A failure anywhere (a fatal API error, a batch that could not be written, a malformed order
/// that had to be skipped, a signal) ends the run as `error` with its message: never a silent
/// partial success.
struct IngestionRun: Sendable {
    let context: RunContext

    /// Runs to the end and reports; never throws.
    func run() async -> RunReport {
        var failure: FinishRun.Failure?
        var rows: [String: Int] = [:]
        var recorded = false
        // The lookback until the coverage read says otherwise; the end until the re-check begins.
        let lookback = RunWindow(now: context.options.now, sinceHours: context.options.sinceHours, previous: [], skew: context.skew)
        var window = CoverageTracker.Window(from: lookback.from, to: context.options.now)
        do {
            try await PrepareWarehouse(context: context).run(window: window)
            recorded = true
        } catch {
            logStart(lookback)
            failure = Self.failure(error, prefix: "ClickHouse not usable: ")
        }
        if recorded {
            do {
                rows = try await load(&window)
            } catch {
                failure = Self.failure(error)
            }
        }
        return await FinishRun(context: context).run(failure: failure, rows: rows, recorded: recorded, window: window)
    }

    /// Steps 2 to 4; returns the rows written (or, in a dry run, that would be) per table.
    /// `window` becomes what the run loaded: from its effective start to its re-check's start.
    private func load(_ window: inout CoverageTracker.Window) async throws -> [String: Int] {
        let options = context.options
        let previous: [CoverageTracker.Window]
        do {
            previous = try await context.warehouse.successfulWindows()
        } catch {
            logStart(RunWindow(now: options.now, sinceHours: options.sinceHours, previous: [], skew: context.skew))
            throw error
        }
        let plan = RunWindow(now: options.now, sinceHours: options.sinceHours, previous: previous, skew: context.skew)
        window.from = plan.from
        logStart(plan)
        try plan.requireCatchUp(atMost: context.configuration.maxCatchUpHours)
        let coveredSince = CoverageTracker.coveredSince(current: window, previous: previous)
        let events = try await FetchEvents(context: context).run()
        let loaded = try await LoadSalesAndInventory(context: context).run(events: events, from: plan.from, coveredSince: coveredSince)
        window.to = loaded.recheckStart
        let daily = try await RecomputeDailySales(context: context).run(days: loaded.touchedDays)
        return [TicketRow.table.name: loaded.ticketRows, InventoryRow.table.name: loaded.inventoryRows, DailySalesRow.table.name: daily]
    }

    /// A failure as the report says it: a cancellation (a signal) is `interrupted`.
    static func failure(_ error: any Error, prefix: String = "") -> FinishRun.Failure {
        if error is CancellationError {
            return .init(kind: .interrupted, message: "interrupted: the run was cancelled (SIGINT/SIGTERM) before it finished")
        }
        if Task.isCancelled { return .init(kind: .interrupted, message: "interrupted: \(prefix)\(error)") }
        return .init(kind: .run, message: "\(prefix)\(error)")
    }

    /// The start line: the effective window (open above: `window_to` is when the re-check will
    /// begin) and why it starts where it does.
    private func logStart(_ window: RunWindow) {
        let options = context.options
        context.logger.info("Starting QTickets API ingestion run", metadata: [
            "run_id": "\(options.runID)", "version": "\(options.toolVersion)", "organiser": "\(context.configuration.organiserName)",
            "window_from": "\(window.from.formatted(.iso8601))", "reason": "\(window.reason.rawValue)", "window_hours": "\(window.hours)",
            "since_hours": "\(options.sinceHours)", "dry_run": "\(options.dryRun)", "time_zone": "\(context.calendar.timeZone.identifier)",
        ])
    }
}
