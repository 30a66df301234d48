import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT/SIGTERM into a cancellation of the run.
///
/// The default action would kill the process mid-batch; instead the run's task is cancelled, so
/// fetching stops, buffered rows are flushed or reported and the run is recorded as failed.
/// A second signal falls back to the default action (the operator insists).
final class SignalCanceller: Sendable {
    private let sources: [any DispatchSourceSignal]
    private let receivedSignal = Mutex<Int32?>(nil)

    init(signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "qtickets-ingest.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            sources.append(source)
        }
        self.sources = sources
        for (source, number) in zip(sources, signals) {
            source.setEventHandler { [receivedSignal] in
                let first = receivedSignal.withLock { received -> Bool in
                    defer { received = received ?? number }
                    return received == nil
                }
                if first {
                    onSignal(number)
                } else {
                    signal(number, SIG_DFL)
                    raise(number)
                }
            }
            source.resume()
        }
    }

    var received: Int32? { receivedSignal.withLock { $0 } }

    func stop() { sources.forEach { $0.cancel() } }
}
