/// A secret string (an API token, a password) that never prints itself.
///
/// `description`, `debugDescription` and the mirror are redacted, so string interpolation into
/// a log line, an error or a `dump` cannot leak it; code that must send the value asks for
/// ``revealed`` explicitly, which makes every such place easy to find.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let revealed: String

    public init(_ value: String) { self.revealed = value }

    public var isEmpty: Bool { revealed.isEmpty }

    public var description: String { revealed.isEmpty ? "<empty>" : "<redacted>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:], displayStyle: .struct) }

    /// `text` with every occurrence of the secret replaced, for messages that echo what a
    /// server or proxy sent back.
    public func scrubbed(from text: String) -> String {
        guard !revealed.isEmpty, text.contains(revealed) else { return text }
        return text.replacingOccurrences(of: revealed, with: "<redacted>")
    }
}
