import Foundation

/// Reads a `--organisers DIR` deployment: every `*.env` file in the directory is one organiser,
/// layered over the shared `--envfile`s (ClickHouse address and user, tuning) so that an
/// organiser's file holds only what is its own (token or `QTICKETS_API_TOKEN_FILE`, rate
/// limit, `CLICKHOUSE_DB`, `ORG_NAME`).
///
/// Every file is validated before any organiser runs, and the deployment as a whole too: two
/// organisers writing to one database would swap each other's partitions and share a lock, so
/// that is a configuration error, not a race discovered in production.
public enum OrganiserDirectory {
    /// Keys that must differ between organisers: set in the process environment (which wins
    /// over every file) they would be the same for all.
    static let perOrganiserKeys = [
        ConfigKeys.apiToken.name, ConfigKeys.apiTokenFile.name, ConfigKeys.clickHouseDatabase.name, ConfigKeys.organiserName.name,
    ]

    /// The organisers of `directory`, sorted by file name, or the first problem found.
    public static func load(
        directory: String, baseFiles: [String], environment: [String: String]
    ) throws(OrganiserConfigurationError) -> [DeployedOrganiser] {
        if let key = perOrganiserKeys.first(where: { environment[$0] != nil }) { throw .perOrganiserKeyInEnvironment(key: key) }
        var organisers: [DeployedOrganiser] = []
        for file in try envFiles(in: directory) {
            let configuration: IngestConfiguration
            do {
                configuration = try IngestConfiguration.load(files: baseFiles + [file], environment: environment)
            } catch {
                throw .invalid(file: file, error: error)
            }
            organisers.append(deployed(configuration, file: file))
        }
        try checkDistinct(organisers)
        return organisers
    }

    /// `DIR/*.env`, sorted; hidden files (an editor's `.acme.env.swp` aside) are not organisers.
    static func envFiles(in directory: String) throws(OrganiserConfigurationError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            let exists = FileManager.default.fileExists(atPath: directory)
            throw .unreadableDirectory(path: directory, reason: exists ? "not a readable directory" : "no such directory")
        }
        let files = names.filter { $0.hasSuffix(".env") && !$0.hasPrefix(".") }.sorted()
            .map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
        guard !files.isEmpty else { throw .noOrganisers(directory: directory) }
        return files
    }

    /// The organiser's name (`ORG_NAME`, else the file's name: `acme.env` is `acme`) and its own
    /// Prometheus file (``PrometheusTextfile/path(_:organiser:)``).
    static func deployed(_ loaded: IngestConfiguration, file: String) -> DeployedOrganiser {
        var configuration = loaded
        if configuration.origins[ConfigKeys.organiserName.name] == "the built-in default" {
            configuration.organiserName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        }
        configuration.prometheusFile = configuration.prometheusFile.map { PrometheusTextfile.path($0, organiser: configuration.organiserName) }
        return DeployedOrganiser(name: configuration.organiserName, file: file, configuration: configuration)
    }

    /// One database (on one ClickHouse) and one name per organiser.
    static func checkDistinct(_ organisers: [DeployedOrganiser]) throws(OrganiserConfigurationError) {
        var byDatabase: [String: DeployedOrganiser] = [:]
        var byName: [String: DeployedOrganiser] = [:]
        for organiser in organisers {
            let configuration = organiser.configuration
            let database = configuration.clickHouseURL.string + "/" + configuration.clickHouseDatabase
            if let other = byDatabase[database] {
                throw .sharedDatabase(
                    database: configuration.clickHouseDatabase, files: [other.file, organiser.file],
                    origins: [other, organiser].map { $0.configuration.origins[ConfigKeys.clickHouseDatabase.name] ?? "?" })
            }
            if let other = byName[organiser.name] {
                throw .sharedName(
                    name: organiser.name, files: [other.file, organiser.file],
                    origins: [other, organiser].map { $0.configuration.origins[ConfigKeys.organiserName.name] ?? "?" })
            }
            byDatabase[database] = organiser
            byName[organiser.name] = organiser
        }
    }
}
