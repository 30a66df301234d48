import ArgumentParser
import Foundation
import Ingest

extension QTicketsIngestCommand {
    /// `--organisers DIR`: every organiser validated first (exit 78 before anything is sent),
    /// then all run in this process, a summary line each, and the worst exit code.
    func runOrganisers(directory: String, environment: [String: String]) async throws {
        let deployed = try shared.loadOrganisers(directory: directory, environment: environment)
        let console = ConsoleOutput()
        let logger = shared.bootstrapLogging(deployed, console: console)
        var progress = ProgressDisplay.off
        if let first = deployed.first?.configuration {
            progress = shared.progressDisplay(first, console: console, environment: environment)
        }
        // One bar redrawn in place cannot show several runs: their progress lines, each tagged.
        if case .bar = progress, deployed.count > 1 { progress = .lines }
        let options = runOptions(progress: progress)
        let concurrency = organisers.concurrency
        // The longest grace of the organisers (validated: there is at least one); each run
        // bounds its own steps by its own.
        let grace = deployed.map(\.configuration.shutdownGraceSeconds).max() ?? 60
        let outcomes = await SignalCanceller.cancelOnSignal(logger: logger, grace: .seconds(grace)) {
            await OrganiserRuns.run(deployed, options: options, concurrency: concurrency, logger: logger)
        }
        for outcome in outcomes where !outcome.report.preview.isEmpty {
            print("== organiser \(outcome.organiser.name) (database \(outcome.organiser.configuration.clickHouseDatabase)) ==")
            for line in outcome.report.preview { print(line) }
        }
        let code = OrganiserRuns.logSummary(outcomes, logger: logger)
        if code != .ok { throw ExitCode(code.rawValue) }
    }
}
