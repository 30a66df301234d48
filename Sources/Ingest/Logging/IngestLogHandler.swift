import Foundation
import Logging

/// The ingester's log handler: each event rendered by ``LogLineFormatter`` in the configured
/// ``LogFormat`` and written through the shared ``ConsoleOutput`` (so that log lines and the
/// progress bar never garble each other).
public struct IngestLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: LogFormat
    private let console: ConsoleOutput

    public init(label: String, format: LogFormat, console: ConsoleOutput, level: Logger.Level = .info) {
        self.label = label
        self.format = format
        self.console = console
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        if let error = event.error { fields["error"] = "\(error)" }
        let date = Date()
        let line = switch format {
        case .text: LogLineFormatter.text(level: event.level, label: label, message: event.message.description, metadata: fields, source: event.source, date: date)
        case .json: LogLineFormatter.json(level: event.level, label: label, message: event.message.description, metadata: fields, date: date)
        }
        console.writeLine(line)
    }
}
