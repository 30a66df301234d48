/// A secret string (API token, password) that never prints itself.
///
/// `description` and `debugDescription` are redacted, so string interpolation into a log line
/// or an error cannot leak it; code that needs the value asks for ``revealed`` explicitly.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let revealed: String

    public init(_ value: String) { self.revealed = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
