import ArgumentParser
import Foundation
import Ingest

/// `qtickets-ingest status`: the job's health from `meta_job_runs`, without SQL, and an exit
/// code a monitoring check can use.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last runs, since when the warehouse is complete, the lock holder and the last error.",
        discussion: """
            Reads meta_job_runs in CLICKHOUSE_DB (same --envfile files as a run). Exit status, for a \
            monitoring check: 0 healthy; 1 failing (the newest finished run failed); 2 stale (no run \
            succeeded within INGEST_STALE_AFTER_MINUTES, default 60, or ever); 3 unknown (ClickHouse \
            could not be read); 78 a missing or malformed configuration key.
            """
    )

    @OptionGroup var shared: SharedOptions

    @Option(name: .customLong("runs"), help: "How many recent runs to list.")
    var runs = 10

    /// The same group as the run's (ArgumentParser hands a parent's option to a child that
    /// declares the same group): `status --organisers DIR` prints one block per organiser, and
    /// exits with the highest of their codes.
    @OptionGroup var organisers: OrganiserOptions

    func validate() throws {
        guard (1...1_000).contains(runs) else { throw ValidationError("--runs must be between 1 and 1000") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if let directory = organisers.directory { return try await statusOfOrganisers(directory: directory, environment: environment) }
        let configuration = try shared.loadConfiguration(environment: environment)
        let logger = shared.bootstrapLogging(configuration, console: ConsoleOutput())
        let outcome = await StatusCheck.run(configuration: configuration, recentRuns: runs, logger: logger)
        print(outcome.text, terminator: "")
        if outcome.health != .healthy { throw ExitCode(outcome.health.rawValue) }
    }
}
