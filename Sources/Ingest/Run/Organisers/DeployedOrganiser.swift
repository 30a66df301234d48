import Foundation
import Logging

/// One organiser of a `--organisers DIR` deployment: its env file and the configuration loaded
/// from the shared `--envfile`s with that file on top.
///
/// Everything that keeps organisers apart follows from the configuration: the token and rate
/// limit (its own ``Connections``), the database (its own tables, partitions and
/// `meta_job_runs`), the lock (keyed by database and organiser) and the Prometheus file.
public struct DeployedOrganiser: Sendable {
    /// `ORG_NAME`, or the file's name without `.env` when the files leave it unset.
    public var name: String
    /// The organiser's own env file.
    public var file: String
    public var configuration: IngestConfiguration

    public init(name: String, file: String, configuration: IngestConfiguration) {
        self.name = name
        self.file = file
        self.configuration = configuration
    }

    /// `logger` with the organiser on every line it writes (`organiser=acme`): the runs share
    /// one process and one log, and an operator greps by organiser.
    public func logger(from logger: Logger) -> Logger {
        var tagged = logger
        tagged[metadataKey: "organiser"] = "\(name)"
        return tagged
    }
}
