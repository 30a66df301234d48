import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT/SIGTERM into a cancellation of the run.
///
/// The default action would kill the process mid-batch; instead the run's task is cancelled, so
/// fetching stops, buffered rows are flushed or reported and the run is recorded as failed.
/// A second signal falls back to the default action (the operator insists).
final class SignalCanceller: Sendable {
    private struct State {
        var sources: [any DispatchSourceSignal] = []
        var received: Int32?
    }

    /// The dispatch sources are only touched under this lock (created in `init`, cancelled in
    /// `stop`); the signal handlers run on one serial queue and only read/write `received`.
    private let state: Mutex<State>
    private let onSignal: @Sendable (Int32) -> Void

    init(signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
        self.onSignal = onSignal
        let queue = DispatchQueue(label: "qtickets-ingest.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: queue))
        }
        state = Mutex(State(sources: sources))
        state.withLock { state in
            for (source, number) in zip(state.sources, signals) {
                source.setEventHandler { [weak self] in self?.handle(number) }
                source.resume()
            }
        }
    }

    private func handle(_ number: Int32) {
        let first = state.withLock { state -> Bool in
            defer { state.received = state.received ?? number }
            return state.received == nil
        }
        if first {
            onSignal(number)
        } else {
            signal(number, SIG_DFL)
            raise(number)
        }
    }

    var received: Int32? { state.withLock { $0.received } }

    func stop() {
        state.withLock { state in
            state.sources.forEach { $0.cancel() }
            state.sources.removeAll()
        }
    }
}
