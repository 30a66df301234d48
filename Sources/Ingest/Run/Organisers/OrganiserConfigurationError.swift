/// A deployment of several organisers that cannot run, found before anything is sent anywhere.
///
/// Each case names the organiser's file, so the operator knows which of the files to fix;
/// like ``ConfigurationError``, none ever shows a value (a token may be among them).
public enum OrganiserConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory cannot be listed.
    case unreadableDirectory(path: String, reason: String)
    /// The directory holds no `*.env` file.
    case noOrganisers(directory: String)
    /// One organiser's configuration is invalid (a key missing or malformed).
    case invalid(file: String, error: ConfigurationError)
    /// Two organisers would write to the same database: their partitions, swaps, runs and
    /// lock would be each other's.
    case sharedDatabase(database: String, files: [String], origins: [String])
    /// Two organisers have the same `ORG_NAME`: logs, metrics and locks would mix them up.
    case sharedName(name: String, files: [String], origins: [String])
    /// A key that must differ between organisers is set in the process environment, which
    /// wins over every file: every organiser would get the same value.
    case perOrganiserKeyInEnvironment(key: String)

    public var description: String {
        switch self {
        case let .unreadableDirectory(path, reason):
            return "configuration error: cannot list the organisers directory \(path): \(reason)"
        case let .noOrganisers(directory):
            return "configuration error: the organisers directory \(directory) holds no *.env file"
        case let .invalid(file, error):
            return "organiser \(file): \(error)"
        case let .sharedDatabase(database, files, origins):
            return "configuration error: organisers \(files.joined(separator: " and ")) both write to CLICKHOUSE_DB=\(database) "
                + "(from \(origins.joined(separator: ", "))): give each organiser its own database"
        case let .sharedName(name, files, origins):
            return "configuration error: organisers \(files.joined(separator: " and ")) are both named ORG_NAME=\(name) "
                + "(from \(origins.joined(separator: ", "))): give each organiser its own name"
        case let .perOrganiserKeyInEnvironment(key):
            return "configuration error: \(key) is set in the environment, which wins over every organiser's file: "
                + "set it in each organiser's file instead"
        }
    }
}
