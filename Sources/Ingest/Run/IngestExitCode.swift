/// Process exit codes, documented in the README and `--help`.
///
/// A bad command line exits 64 (`EX_USAGE`) from swift-argument-parser itself, before a run
/// exists, so it has no case here.
public enum IngestExitCode: Int32, Sendable {
    case ok = 0
    /// The run started and failed (recorded in `meta_job_runs` when ClickHouse was reachable).
    case runFailed = 1
    /// The run's final `meta_job_runs` row could not be written (`EX_IOERR`): it may still say
    /// `running`. Wins over 0, 1 and 130, which all promise a recorded end.
    case notRecorded = 74
    /// Another run holds the run lock (`EX_TEMPFAIL`); this one wrote nothing.
    case lockBusy = 75
    /// A missing or malformed configuration key (nothing was sent anywhere), or a `TZ` other
    /// than the warehouse's (nothing was written).
    case configuration = 78
    /// Stopped by SIGINT/SIGTERM; recorded as failed.
    case interrupted = 130

    /// The code a run's report ends the process with.
    public init(_ report: RunReport) {
        if report.recordFailure != nil {
            self = .notRecorded
            return
        }
        switch report.failure {
        case nil: self = .ok
        case .configuration: self = .configuration
        case .run: self = .runFailed
        case .interrupted: self = .interrupted
        case .lockBusy: self = .lockBusy
        }
    }
}
