import ArgumentParser
import Foundation
import Ingest

extension StatusCommand {
    /// `status --organisers DIR`: each organiser's block (its own database's `meta_job_runs`),
    /// one after the other, and the highest of their exit codes, so that one monitoring check
    /// covers the deployment and still names the organiser in trouble.
    func statusOfOrganisers(directory: String, environment: [String: String]) async throws {
        let deployed = try shared.loadOrganisers(directory: directory, environment: environment)
        let logger = shared.bootstrapLogging(deployed, console: ConsoleOutput())
        var worst = StatusHealth.healthy
        for (index, organiser) in deployed.enumerated() {
            let outcome = await StatusCheck.run(configuration: organiser.configuration, recentRuns: runs, logger: organiser.logger(from: logger))
            // An unreadable warehouse's block does not say whose it is: the heading does.
            let heading = outcome.health == .unknown
                ? "qtickets-ingest status: organiser \(organiser.name), database \(organiser.configuration.clickHouseDatabase)\n" : ""
            print((index == 0 ? "" : "\n") + heading + outcome.text, terminator: "")
            if outcome.health.rawValue > worst.rawValue { worst = outcome.health }
        }
        if worst != .healthy { throw ExitCode(worst.rawValue) }
    }
}
