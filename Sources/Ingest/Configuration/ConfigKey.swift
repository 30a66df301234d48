/// One configuration key, declared once: its name, what happens when it is unset, how its text
/// becomes a value, and the line that documents it.
///
/// ``IngestConfiguration/load(files:environment:)`` reads every key through its declaration;
/// ``ConfigurationReference`` renders the README's table and the sample env file from the same
/// declarations, so a key cannot be documented one way and read another. Declarations live in
/// ``ConfigKeys``.
public struct ConfigKey<Value: Sendable>: AnyConfigKey {
    public let name: String
    public let presence: ConfigKeyPresence
    /// What a valid value looks like, for the error that rejects one ("a positive integer").
    public let expected: String
    /// One line: the README's "meaning" column and the sample file's comment.
    public let doc: String
    /// The sample file's value for a key without a default (`<organiser_bearer_token>`).
    public let example: String?
    private let parse: @Sendable (String) -> Value?

    public init(
        _ name: String, _ presence: ConfigKeyPresence, expected: String, doc: String, example: String? = nil,
        parse: @escaping @Sendable (String) -> Value?
    ) {
        self.name = name
        self.presence = presence
        self.expected = expected
        self.doc = doc
        self.example = example
        self.parse = parse
    }

    /// The text an unset key reads as (empty for a required key).
    public var defaultText: String {
        if case .defaulted(let text) = presence { return text }
        return ""
    }

    /// The value of `text`, or an error that names the key and `origin`, never the text.
    func value(of text: String, origin: String) throws(ConfigurationError) -> Value {
        guard let value = parse(text) else { throw .invalidValue(key: name, source: origin, expected: expected) }
        return value
    }
}

/// Whether a key must be set, and what it means when it is not.
public enum ConfigKeyPresence: Sendable, Equatable {
    /// Must be set to a non-empty value.
    case required
    /// Must be set, possibly to the empty string (a password-less local user).
    case requiredMayBeEmpty
    /// Unset or empty reads as this text, parsed like a value from a file; `""` for a feature
    /// that is off unless set.
    case defaulted(String)
}

/// What the documentation needs to know about a key, whatever its value type.
public protocol AnyConfigKey: Sendable {
    var name: String { get }
    var presence: ConfigKeyPresence { get }
    var doc: String { get }
    var example: String? { get }
}
