import Foundation

/// Key lookup over layered sources, remembering where each value came from.
///
/// Precedence follows the contract: later `--envfile`s win over earlier ones, and the process
/// environment wins over every file. Only declared keys (``ConfigKeys``) are taken from the
/// environment, so an unrelated variable never shadows a file's value by accident. Provenance
/// matters because "QTICKETS_API_RPS from secrets/.env:7 is invalid" is an error an operator can
/// fix in one step.
public struct ConfigurationSource: Sendable {
    /// A key's text and where it came from.
    public struct Entry: Sendable, Equatable {
        public let value: String
        /// `path:line` or `environment`.
        public let origin: String
    }

    private var values: [String: Entry] = [:]
    public let files: [String]
    /// What the operator should fix but that does not stop a run (an env file holding a secret
    /// that others can read), logged once logging is set up.
    public private(set) var warnings: [String] = []

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
            let entries = try DotEnvParser.parse(text, file: path)
            for entry in entries {
                values[entry.key] = Entry(value: entry.value, origin: "\(path):\(entry.line)")
            }
            warnings += EnvFilePermissions.warnings(path: path, entries: entries)
        }
        for (key, value) in environment where ConfigKeys.isDeclared(key) {
            values[key] = Entry(value: value, origin: "environment")
        }
    }

    /// Where `name`'s value comes from: `path:line`, `environment`, or `the built-in default`
    /// (unset or empty), for messages that must say which line to fix.
    public func origin(of name: String) -> String {
        guard let found = values[name], !found.value.isEmpty else { return "the built-in default" }
        return found.origin
    }

    /// The text `name` was set to, or `nil` when unset or empty: for messages that must show
    /// a value as the operator wrote it (`TZ=UTC`, which Foundation calls GMT). Never for a secret.
    public func text(of name: String) -> String? {
        guard let found = values[name], !found.value.isEmpty else { return nil }
        return found.value
    }
    /// The raw entry of `key`, if a file or the environment set it (even to the empty string).
    func entry(_ name: String) -> Entry? { values[name] }

    /// The value of `key`: its text from the files or the environment, or its default, parsed
    /// by its declaration. A missing required key or an invalid value throws an error that names
    /// the key and where the text came from, never the text.
    public func value<Value>(of key: ConfigKey<Value>) throws(ConfigurationError) -> Value {
        assert(ConfigKeys.isDeclared(key.name), "\(key.name) is read but not listed in ConfigKeys.all")
        let found = values[key.name]
        switch key.presence {
        case .required:
            guard let found, !found.value.isEmpty else { throw .missingKey(key: key.name, searched: files) }
            return try key.value(of: found.value, origin: found.origin)
        case .requiredMayBeEmpty:
            guard let found else { throw .missingKey(key: key.name, searched: files) }
            return try key.value(of: found.value, origin: found.origin)
        case .defaulted(let text):
            guard let found, !found.value.isEmpty else { return try key.value(of: text, origin: "the built-in default") }
            return try key.value(of: found.value, origin: found.origin)
        }
    }
}
