import Logging
import Synchronization
@testable import QTicketsAPI

/// Collects observer calls.
final class RecordingObserver: QTicketsObserver {
    struct Skipped: Sendable, Equatable { var endpoint: String; var id: Int?; var reason: String }
    struct Attempt: Sendable { var endpoint: String; var status: Int?; var attempt: Int }
    struct Retry: Sendable { var endpoint: String; var status: Int?; var attempt: Int; var wait: Duration }

    private let state = Mutex<(attempts: [Attempt], retries: [Retry], skipped: [Skipped])>(([], [], []))

    var attempts: [Attempt] { state.withLock { $0.attempts } }
    var retries: [Retry] { state.withLock { $0.retries } }
    var skipped: [Skipped] { state.withLock { $0.skipped } }

    func requestCompleted(endpoint: String, status: Int?, attempt: Int, duration: Duration) async {
        state.withLock { $0.attempts.append(.init(endpoint: endpoint, status: status, attempt: attempt)) }
    }

    func retryScheduled(endpoint: String, status: Int?, attempt: Int, wait: Duration) async {
        state.withLock { $0.retries.append(.init(endpoint: endpoint, status: status, attempt: attempt, wait: wait)) }
    }

    func recordSkipped(endpoint: String, id: Int?, reason: String) async {
        state.withLock { $0.skipped.append(.init(endpoint: endpoint, id: id, reason: reason)) }
    }

    private let bytes = Mutex<(wire: Int, body: Int)>((0, 0))
    /// Σ answer bytes on the wire and as read.
    var bytesReceived: (wire: Int, body: Int) { bytes.withLock { $0 } }

    func responseReceived(endpoint: String, wireBytes: Int, bodyBytes: Int) async {
        bytes.withLock { $0 = ($0.wire + wireBytes, $0.body + bodyBytes) }
    }
}

/// A swift-log handler that keeps every record, to assert on messages, metadata and the absence
/// of the token.
final class CapturedLogs: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
        var rendered: String { "\(message) \(metadata.sorted { $0.key < $1.key })" }
    }

    private let records = Mutex<[Record]>([])

    var all: [Record] { records.withLock { $0 } }

    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in Handler(sink: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ record: Record) { records.withLock { $0.append(record) } }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var merged = metadata
            for (k, v) in event.metadata ?? [:] { merged[k] = v }
            sink.append(Record(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
