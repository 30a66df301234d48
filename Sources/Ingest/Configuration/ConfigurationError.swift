/// A configuration problem, reported before any network call.
///
/// Every case names the key and where its value came from (a file and line, or the
/// environment), and never the value itself: the value may be a token or a password.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case malformedLine(file: String, line: Int, reason: String)
    case missingKey(key: String, searched: [String])
    case invalidValue(key: String, source: String, expected: String)
    /// A secret and the key naming a file that holds it are both set: which one is meant?
    case conflictingKeys(key: String, fileKey: String, origins: [String])
    /// The file a `…_FILE` key names cannot be read (or is empty).
    case unreadableSecretFile(key: String, path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "configuration error: cannot read env file \(path): \(reason)"
        case let .malformedLine(file, line, reason):
            return "configuration error: \(file):\(line): \(reason)"
        case let .missingKey(key, searched):
            let places = searched.isEmpty ? "the environment" : (searched + ["the environment"]).joined(separator: ", ")
            let alternative = ConfigKeys.secretFiles.first { $0.secret.name == key }.map { ", nor \($0.file.name)" } ?? ""
            return "configuration error: \(key) is not set\(alternative) (looked in \(places))"
        case let .invalidValue(key, source, expected):
            return "configuration error: \(key) from \(source) is invalid: expected \(expected)"
        case let .conflictingKeys(key, fileKey, origins):
            return "configuration error: both \(key) and \(fileKey) are set (\(origins.joined(separator: ", "))): keep one"
        case let .unreadableSecretFile(key, path, reason):
            return "configuration error: \(key) names \(path), which \(reason)"
        }
    }
}
