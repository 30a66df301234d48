import Foundation
import Logging

/// One log event as one line of text: the `key=value` shape operators grep (the same as
/// swift-log's `StreamLogHandler`), or one JSON object for log shippers.
public enum LogLineFormatter {
    /// `2025-05-31T12:00:03+0300 info qtickets-ingest: a=1 b=2 [Ingest] message`, metadata sorted
    /// by key.
    public static func text(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, source: String, date: Date) -> String {
        let fields = metadata.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        return "\(localTimestamp(date)) \(level) \(label):\(fields) [\(source)] \(message)"
    }

    /// `{"time":"2025-05-31T09:00:03.123Z","level":"info","label":"…","message":"…","metadata":{…}}`:
    /// time in UTC with milliseconds, metadata keys sorted, nested values as JSON arrays and objects.
    public static func json(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, date: Date) -> String {
        var out = "{\"time\":"
        appendString(utcTimestamp(date), to: &out)
        out += ",\"level\":"
        appendString(level.rawValue, to: &out)
        out += ",\"label\":"
        appendString(label, to: &out)
        out += ",\"message\":"
        appendString(message, to: &out)
        out += ",\"metadata\":"
        append(.dictionary(metadata), to: &out)
        out += "}"
        return out
    }

    private static func append(_ value: Logger.MetadataValue, to out: inout String) {
        switch value {
        case .string(let text): appendString(text, to: &out)
        case .stringConvertible(let convertible): appendString(convertible.description, to: &out)
        case .array(let values):
            out += "["
            for (index, element) in values.enumerated() {
                if index > 0 { out += "," }
                append(element, to: &out)
            }
            out += "]"
        case .dictionary(let entries):
            out += "{"
            for (index, (key, element)) in entries.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out += "," }
                appendString(key, to: &out)
                out += ":"
                append(element, to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func utcTimestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// Local time, as `StreamLogHandler` writes it (`%Y-%m-%dT%H:%M:%S%z`).
    static func localTimestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
