import Foundation
import Ingest
import Logging
import Synchronization

/// The signal the process received, written by the C signal handler.
///
/// A plain atomic: storing it is async-signal-safe, so the handler needs no dispatch source,
/// no lock and no allocation.
private let receivedSignal = Atomic<Int32>(0)

/// Turns SIGINT/SIGTERM into a cancellation of the run.
///
/// The default action would kill the process mid-batch; instead the run's task is cancelled, so
/// fetching stops, buffered rows are flushed or reported and the run is recorded as failed.
/// A second signal falls back to the default action (the operator insists).
enum SignalCanceller {
    /// Installs the handlers. Call it first thing: a signal that arrives earlier gets the
    /// inherited disposition, which for a background job's SIGINT is "ignore".
    static func install(_ signals: [Int32]) {
        // A parent may start us with these signals blocked (the mask is inherited across exec):
        // unblock them so they reach the handler instead of staying pending forever.
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for number in signals {
            signal(number) { number in
                if receivedSignal.exchange(number, ordering: .relaxed) != 0 {
                    signal(number, SIG_DFL)
                    raise(number)
                }
            }
        }
    }

    /// The first signal received, or `nil`.
    static var received: Int32? {
        let number = receivedSignal.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Returns when a signal has arrived (or the calling task is cancelled). Polling keeps the
    /// handler trivial; 50 ms is far below anything an operator notices.
    static func waitForSignal() async -> Int32? {
        while !Task.isCancelled {
            if let number = received { return number }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Runs `body` in a task that the first SIGINT/SIGTERM cancels, and returns its result.
    ///
    /// The cancelled run still records its end (bounded inside the run), releases its lock and
    /// shuts its clients down; if all that has not returned within `grace`
    /// (`INGEST_SHUTDOWN_GRACE_SECONDS`, below the unit's `TimeoutStopSec`), the process exits
    /// 74 at once: its end may not be recorded, and systemd's SIGKILL would say even less.
    static func cancelOnSignal<T: Sendable>(logger: Logger, grace: Duration, _ body: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await body() }
        let watcher = Task {
            guard let signal = await waitForSignal() else { return }
            logger.warning("Signal received; stopping the run", metadata: ["signal": "\(signal)", "grace": "\(grace)"])
            task.cancel()
            try? await Task.sleep(for: grace)
            guard !Task.isCancelled else { return }
            logger.error("The run did not stop within the shutdown grace; exiting, its meta_job_runs row may still say running", metadata: [
                "grace": "\(grace)", "exit_code": "\(IngestExitCode.notRecorded.rawValue)",
            ])
            exit(IngestExitCode.notRecorded.rawValue)
        }
        let value = await task.value
        watcher.cancel()
        return value
    }
}
