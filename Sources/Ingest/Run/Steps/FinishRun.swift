import Foundation

/// Step 5: the run's outcome, recorded and reported.
///
/// The final `meta_job_runs` row replaces the `running` one and the small tables are merged,
/// even after a signal (within the shutdown grace; a row that could not be written is exit 74);
/// then the sinks and the warehouse add their previews (a dry run's only output). Malformed
/// records that had to be skipped fail the run: ``IngestionRun/loadAndRecompute``, from the
/// run's own count.
struct FinishRun: Sendable {
    struct Failure: Sendable {
        var kind: RunReport.Failure
        var message: String
    }

    let context: RunContext
    /// Whether `meta_job_runs` is merged after the row: a backfill's slices leave it to the
    /// backfill's end (``BackfillRun``). Merging after each slice cost 50 to 90 ms of ClickHouse
    /// time per slice, beside the next slice's fetch, for a table nothing reads unmerged.
    var compacts = true

    /// `recorded`: the run's `running` row was written, so its final row must be too, with
    /// `window`. Only a successful run's window counts as coverage.
    func run(failure: Failure?, rows: [String: Int], recorded: Bool, window: CoverageTracker.Window) async -> RunReport {
        var report = RunReport(
            runID: context.options.runID, failure: failure?.kind, message: failure?.message ?? "",
            metrics: await context.metrics.snapshot(), rowsByTable: rows, preview: []
        )
        if recorded, let unrecorded = await record(report, window: window) {
            report.recordFailure = unrecorded
            let note = "the final meta_job_runs row could not be written: \(unrecorded)"
            report.message = report.message.isEmpty ? note : "\(report.message); \(note)"
        }
        report.preview = await context.tickets.preview() + context.warehouse.preview()
        return report
    }

    /// Writes the final row outside any cancelled task (a run stopped by a signal is still
    /// recorded as failed) and returns why it could not, if it could not. After a signal the
    /// write has a third of `INGEST_SHUTDOWN_GRACE_SECONDS` (the unwinding before it, the lock's
    /// release and the clients' shutdown after it share the rest), so a hanging ClickHouse
    /// cannot hold the process past its grace; otherwise it has the retry policy's bounds.
    private func record(_ report: RunReport, window: CoverageTracker.Window) async -> String? {
        let row = JobRunRow(
            run: context, window: window, status: JobRunRow.Status(report.status), message: report.message,
            finishedAt: context.options.wallClock(),
            rows: report.rowsProcessed, metrics: report.metrics.json()
        )
        let warehouse = context.warehouse
        let logger = context.logger
        let bound = Uncancelled.bound(graceSeconds: context.configuration.shutdownGraceSeconds)
        let failure: String?
        do {
            try await Uncancelled.run(within: bound) { try await warehouse.recordRun(row) }
            failure = nil
        } catch {
            failure = "\(error)"
        }
        if let failure {
            logger.error("Could not record the run in meta_job_runs; its row may still say running", metadata: [
                "run_id": "\(context.options.runID)", "error": "\(failure)",
            ])
            return failure
        }
        if compacts { await Self.compact(context) }
        return nil
    }

    /// Merges `meta_job_runs`, even after a signal (within the shutdown grace); a failure is
    /// only a warning, the next run merges it.
    static func compact(_ context: RunContext) async {
        let warehouse = context.warehouse
        do {
            try await Uncancelled.run(within: Uncancelled.bound(graceSeconds: context.configuration.shutdownGraceSeconds)) {
                try await warehouse.compact()
            }
        } catch {
            context.logger.warning("Could not merge meta_job_runs (the next run does)", metadata: ["error": "\(error)"])
        }
    }
}
