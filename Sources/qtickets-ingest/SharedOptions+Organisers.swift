import ArgumentParser
import Foundation
import Ingest
import Logging

extension SharedOptions {
    /// The organisers of `--organisers DIR`, each layered over the `--envfile`s, all validated
    /// before anything runs; or exit 78 after one line naming the file and the key (or the two
    /// organisers that share a database or a name).
    func loadOrganisers(directory: String, environment: [String: String]) throws -> [DeployedOrganiser] {
        do {
            return try OrganiserDirectory.load(directory: directory, baseFiles: envFiles, environment: environment)
        } catch {
            throw configurationFailure(error)
        }
    }

    /// Logging for a process running several organisers, set up once: the format is
    /// `--log-format`, else the first organiser's `INGEST_LOG_FORMAT` (keep it in the shared
    /// file). Each organiser's configuration warnings are logged with its name.
    func bootstrapLogging(_ organisers: [DeployedOrganiser], console: ConsoleOutput) -> Logger {
        let logger = bootstrapLogging(format: logFormat ?? organisers.first?.configuration.logFormat ?? .text, console: console)
        for organiser in organisers {
            for warning in organiser.configuration.warnings {
                organiser.logger(from: logger).warning("Configuration warning", metadata: ["warning": "\(warning)"])
            }
        }
        return logger
    }
}
