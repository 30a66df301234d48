/// How a run shows its progress: decided once by the command from what standard error is.
public enum ProgressDisplay: Sendable {
    /// Nothing (tests, or `INGEST_PROGRESS_SECONDS=0`).
    case off
    /// A log line every interval: under systemd, in a pipe, in a file.
    case lines
    /// One bar updated in place on an interactive terminal, redrawn every second.
    case bar(ConsoleOutput)
}
