import ClickHouseHTTP
import Foundation

/// One run of the ingester in `meta_job_runs`: written as `running` at start and replaced by
/// its final status (`ok` or `error`) at the end, keyed by `(job, run_id)`.
///
/// `window_from`/`window_to` record what a successful run covered; later runs read them to know
/// which days the ticket table holds completely (see ``CoverageTracker``).
public struct JobRunRow: ColumnarRow, Equatable {
    /// This ingester's name in `meta_job_runs.job` and in the Prometheus `job` label: the one
    /// spelling of it (the coverage read filters on it).
    public static let jobName = "qtickets_api"

    public enum Status: String, Sendable {
        /// The run's first row, replaced at its end.
        case running, ok, error
    }

    public var job: String = JobRunRow.jobName
    public var runID: String
    /// The run's `now` (Unix seconds); `finishedAt` stays NULL while it runs.
    public var startedAt: UInt32
    public var finishedAt: UInt32?
    public var status: Status
    public var rowsProcessed: UInt64
    /// Why the run failed (at most 4,000 characters; never a secret); empty when it did not.
    public var message: String
    /// The run's ``MetricsSnapshot`` as JSON.
    public var metrics: String
    /// The window of `updated_at` the run loaded (Unix seconds).
    public var windowFrom: UInt32
    public var windowTo: UInt32
    public var toolVersion: String
    /// Wall-clock milliseconds of the write: the final row replaces the `running` one.
    public var version: UInt64

    public static let columns: [TableColumn<JobRunRow>] = [
        .string("job", \.job),
        .string("run_id", \.runID),
        .dateTime("started_at", \.startedAt),
        .optionalDateTime("finished_at", \.finishedAt),
        .string("status", \.status.rawValue),
        .uInt64("rows_processed", \.rowsProcessed),
        .string("message", \.message),
        .string("metrics", \.metrics),
        .dateTime("window_from", \.windowFrom),
        .dateTime("window_to", \.windowTo),
        .string("tool_version", \.toolVersion),
        .version(\.version),
    ]

    public static let table = TableDefinition(name: "meta_job_runs", columns: columns, orderBy: ["job", "run_id"], versionColumn: "version")
}
