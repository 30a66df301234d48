import Foundation

/// Key lookup over layered sources, remembering where each value came from.
///
/// Precedence follows the contract: later `--envfile`s win over earlier ones, and the process
/// environment wins over every file. Provenance matters because "QTICKETS_API_RPS from
/// secrets/.env:7 is invalid" is an error an operator can fix in one step.
public struct ConfigurationSource: Sendable {
    public struct Value: Sendable, Equatable {
        public let value: String
        /// `path:line` or `environment`.
        public let origin: String
    }

    private var values: [String: Value] = [:]
    public let files: [String]

    public init(files: [String], environment: [String: String]) throws(ConfigurationError) {
        self.files = files
        for path in files {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                let reason = FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file"
                throw .unreadableFile(path: path, reason: reason)
            }
            for entry in try DotEnvParser.parse(text, file: path) {
                values[entry.key] = Value(value: entry.value, origin: "\(path):\(entry.line)")
            }
        }
        for (key, value) in environment where Self.isOurs(key) {
            values[key] = Value(value: value, origin: "environment")
        }
    }

    /// Only keys this tool reads are taken from the process environment, so an unrelated
    /// variable never shadows a file's value by accident.
    static func isOurs(_ key: String) -> Bool {
        key.hasPrefix("QTICKETS_") || key.hasPrefix("CLICKHOUSE_") || key.hasPrefix("INGEST_") || key == "TZ" || key == "ORG_NAME"
    }

    public subscript(key: String) -> Value? { values[key] }

    public func required(_ key: String) throws(ConfigurationError) -> Value {
        guard let value = values[key], !value.value.isEmpty else {
            throw .missingKey(key: key, searched: files)
        }
        return value
    }

    /// A key that may be set to the empty string on purpose (a password-less local user).
    public func present(_ key: String) throws(ConfigurationError) -> Value {
        guard let value = values[key] else { throw .missingKey(key: key, searched: files) }
        return value
    }

    public func optional<T>(_ key: String, default fallback: T, expected: String, _ parse: (String) -> T?) throws(ConfigurationError) -> T {
        guard let raw = values[key], !raw.value.isEmpty else { return fallback }
        guard let parsed = parse(raw.value) else {
            throw .invalidValue(key: key, source: raw.origin, expected: expected)
        }
        return parsed
    }
}
