extension IngestExitCode {
    /// How bad an outcome is when several runs share one process exit code (`--organisers`):
    /// a lock held by a run still under way needs nothing; a failed run is retried by the next
    /// tick but must alert; a configuration needs a person; a signal stopped everything; and a
    /// run whose end could not be recorded (its row may still say `running`) outranks them all.
    var severity: Int {
        switch self {
        case .ok: 0
        case .lockBusy: 1
        case .runFailed: 2
        case .configuration: 3
        case .interrupted: 4
        case .notRecorded: 5
        }
    }

    /// The worst of `codes` (``severity``): `0 < 75 < 1 < 78 < 130 < 74`; `.ok` when there are none.
    public static func worst(_ codes: some Sequence<IngestExitCode>) -> IngestExitCode {
        codes.max { $0.severity < $1.severity } ?? .ok
    }
}
