import Foundation
import Logging

/// One ingestion run, as its steps (DESIGN.md §2):
///
/// 1. ``PrepareWarehouse``: the schema (idempotent) and the run's `running` row.
/// 2. The coverage read (``CoverageTracker``), then ``FetchEvents``: the live events, all pages.
/// 3. ``LoadSalesAndInventory``: at once, the orders changed in the window streamed into ticket
///    rows (``SalesPipeline``) and the pollable shows' seats into inventory rows
///    (``InventorySnapshot``); both sinks flushed even after a failure.
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
        logStart()
        var failure: FinishRun.Failure?
        var rows: [String: Int] = [:]
        var recorded = false
        do {
            try await PrepareWarehouse(context: context).run()
            recorded = true
        } catch {
            failure = Self.failure(error, prefix: "ClickHouse not usable: ")
        }
        if recorded {
            do {
                rows = try await load()
            } catch {
                failure = Self.failure(error)
            }
        }
        return await FinishRun(context: context).run(failure: failure, rows: rows, recorded: recorded)
    }

    /// Steps 2 to 4; returns the rows written (or, in a dry run, that would be) per table.
    private func load() async throws -> [String: Int] {
        let coveredSince = CoverageTracker.coveredSince(current: context.window, previous: try await context.warehouse.successfulWindows())
        let events = try await FetchEvents(context: context).run()
        let loaded = try await LoadSalesAndInventory(context: context).run(events: events, coveredSince: coveredSince)
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

    private func logStart() {
        let options = context.options
        context.logger.info("Starting QTickets API ingestion run", metadata: [
            "run_id": "\(options.runID)", "version": "\(options.toolVersion)", "organiser": "\(context.configuration.organiserName)",
            "window_from": "\(context.window.from.formatted(.iso8601))", "window_to": "\(context.window.to.formatted(.iso8601))",
            "since_hours": "\(options.sinceHours)", "dry_run": "\(options.dryRun)", "time_zone": "\(context.calendar.timeZone.identifier)",
        ])
    }
}
