import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, turning the signal into a normal return so the server is
/// shut down (and its stats written) instead of the process being killed mid-response.
enum ShutdownSignal {
    static func wait() async -> String {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            sources.append(source)
        }
        var received = "end of input"
        for await name in stream {
            received = name
            break
        }
        for source in sources { source.cancel() }
        return received
    }
}
