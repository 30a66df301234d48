import Foundation
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
final class SignalCanceller: Sendable {
    private let watcher: Task<Void, Never>

    init(signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
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
        // Polling keeps the handler trivial; 50 ms is far below anything an operator notices.
        watcher = Task {
            while !Task.isCancelled {
                let number = receivedSignal.load(ordering: .relaxed)
                if number != 0 {
                    onSignal(number)
                    return
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    var received: Int32? {
        let number = receivedSignal.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    func stop() { watcher.cancel() }
}
