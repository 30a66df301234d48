/// A configuration problem, reported before any network call.
///
/// Every case names the key and where its value came from (a file and line, or the
/// environment), and never the value itself: the value may be a token or a password.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case malformedLine(file: String, line: Int, reason: String)
    case missingKey(key: String, searched: [String])
    case invalidValue(key: String, source: String, expected: String)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "configuration error: cannot read env file \(path): \(reason)"
        case let .malformedLine(file, line, reason):
            return "configuration error: \(file):\(line): \(reason)"
        case let .missingKey(key, searched):
            let places = searched.isEmpty ? "the environment" : (searched + ["the environment"]).joined(separator: ", ")
            return "configuration error: \(key) is not set (looked in \(places))"
        case let .invalidValue(key, source, expected):
            return "configuration error: \(key) from \(source) is invalid: expected \(expected)"
        }
    }
}
