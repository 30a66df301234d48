import Foundation

extension JobRunRow.Status {
    /// A finished run's status.
    init(_ status: RunReport.Status) {
        switch status {
        case .ok: self = .ok
        case .error: self = .error
        }
    }
}

extension JobRunRow {
    /// This run's row in `meta_job_runs`: at its start (`running`, not finished) or at its end.
    /// `window` is what the run loads (or loaded: for a successful run, from its start to the
    /// instant its re-check began). The version comes from the run's ``VersionClock``, so the
    /// final row replaces the first even if the host clock stepped back in between.
    init(
        run context: RunContext, window: CoverageTracker.Window, status: Status, message: String = "", finishedAt: Date? = nil,
        rows: Int = 0, metrics: String = "{}"
    ) {
        self.init(
            runID: context.options.runID,
            startedAt: context.options.now.dateTimeSeconds,
            finishedAt: finishedAt?.dateTimeSeconds,
            status: status,
            rowsProcessed: UInt64(max(0, rows)),
            message: String(message.prefix(4_000)),
            metrics: metrics,
            windowFrom: window.from.dateTimeSeconds,
            windowTo: window.to.dateTimeSeconds,
            toolVersion: context.options.toolVersion,
            version: context.versions.next()
        )
    }
}
