import Foundation

/// What a run ended with: the status recorded in `meta_job_runs`, the process exit code, and
/// the metrics behind the summary line.
public struct RunReport: Sendable {
    public enum Status: String, Sendable { case ok, error }

    public var runID: String
    public var status: Status
    public var message: String
    public var metrics: MetricsSnapshot
    public var rowsByTable: [String: Int]
    /// `--dry-run` only: a few rows per table, rendered for the operator.
    public var preview: [String]

    public var rowsProcessed: Int { rowsByTable.values.reduce(0, +) }
}

/// Process exit codes, documented in the README and `--help`.
public enum IngestExitCode: Int32, Sendable {
    case ok = 0
    /// The run started and failed (recorded in `meta_job_runs` when ClickHouse was reachable).
    case runFailed = 1
    /// Bad command line (swift-argument-parser's own code).
    case usage = 64
    /// A missing or malformed configuration key; nothing was sent anywhere.
    case configuration = 78
    /// Stopped by SIGINT/SIGTERM; recorded as failed.
    case interrupted = 130
}
