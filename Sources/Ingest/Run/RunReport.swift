import Foundation

/// What a run ended with: the status recorded in `meta_job_runs`, the failure that decides the
/// exit code (``IngestExitCode``), and the metrics behind the summary line.
public struct RunReport: Sendable {
    public enum Status: String, Sendable { case ok, error }

    /// Why a run failed.
    public enum Failure: Sendable, Equatable {
        /// The clients could not be built from the configuration (nothing was sent anywhere), or
        /// the configuration does not fit the warehouse (another time zone; nothing was written).
        case configuration
        /// The API, ClickHouse, or malformed records the run had to skip.
        case run
        /// The run was cancelled (SIGINT/SIGTERM) before it finished.
        case interrupted
        /// Another run holds the run lock; this one wrote nothing.
        case lockBusy
    }

    public var runID: String
    /// `nil`: the run succeeded.
    public var failure: Failure?
    public var message: String
    public var metrics: MetricsSnapshot
    public var rowsByTable: [String: Int]
    /// What the sinks and the warehouse had to say afterwards (`--dry-run`: row counts, samples,
    /// the days a real run would recompute); empty after a real run.
    public var preview: [String]
    /// Why the run's final `meta_job_runs` row could not be written (it may still say
    /// `running`); `nil` when it was, or when the run was never recorded. Exit 74.
    public var recordFailure: String?

    public var status: Status { failure == nil && recordFailure == nil ? .ok : .error }
    public var rowsProcessed: Int { rowsByTable.values.reduce(0, +) }
}
