import ArgumentParser
import Foundation
import Ingest
import Logging

/// The `qtickets-ingest` command: flags, logging and signals → validated configuration →
/// `Ingestion.run` → the preview lines and the exit code. Everything else lives in `Ingest`.
@main
struct QTicketsIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qtickets-ingest",
        abstract: "Load a QTickets organiser's sales and inventory into ClickHouse.",
        discussion: """
            Configuration comes from --envfile files (later files win) and the process environment \
            (which wins over files): QTICKETS_API_BASE_URL, QTICKETS_API_TOKEN, CLICKHOUSE_HOST, \
            CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DB, TZ, ORG_NAME, and the tuning keys in \
            configs/.env.qtickets_api.sample.

            Exit status: 0 the run succeeded; 1 the run failed (recorded in meta_job_runs when \
            ClickHouse was reachable); 64 bad command line; 75 another run holds the lock of this \
            database and organiser (one line names it; nothing was written); 78 a missing or \
            malformed configuration key (nothing was sent anywhere), or a TZ other than the \
            warehouse's (nothing was written); 130 interrupted by SIGINT/SIGTERM (recorded as failed).

            Progress: a line every INGEST_PROGRESS_SECONDS (default 10); on a terminal, one bar \
            updated in place. `qtickets-ingest status` shows the job's health.
            """,
        version: ToolVersion.current,
        subcommands: [StatusCommand.self]
    )

    @OptionGroup var shared: SharedOptions

    @Option(name: .customLong("since-hours"), help: "Lookback window for orders, by updated_at (8760 = a year's backfill).")
    var sinceHours: Int = 24

    @Flag(name: .customLong("dry-run"), help: "Fetch and transform everything, write nothing to ClickHouse, print what would be written.")
    var dryRun = false

    @Option(
        name: .customLong("wait-lock"),
        help: ArgumentHelp("Queue behind a run that holds the lock for up to this many seconds, instead of exiting 75 at once.", valueName: "seconds"))
    var waitLock: Int?

    @Flag(name: .customLong("print-schema"), help: "Print the ClickHouse schema (CLICKHOUSE_DB or zakaz) and exit.")
    var printSchema = false

    func validate() throws {
        guard (1...(24 * 365 * 20)).contains(sinceHours) else {
            throw ValidationError("--since-hours must be between 1 and 175200")
        }
        if let waitLock, !(1...(24 * 3_600)).contains(waitLock) {
            throw ValidationError("--wait-lock must be between 1 and 86400 seconds")
        }
    }

    func run() async throws {
        SignalCanceller.install([SIGINT, SIGTERM])
        let environment = ProcessInfo.processInfo.environment
        AllocatorTuning.apply(environment: environment)
        if printSchema {
            let database = (try? IngestConfiguration.load(files: shared.envFiles, environment: environment).clickHouseDatabase)
                ?? environment["CLICKHOUSE_DB"] ?? "zakaz"
            print(WarehouseSQL(database: database).schemaFile, terminator: "")
            return
        }
        let configuration = try shared.loadConfiguration(environment: environment)
        let console = ConsoleOutput()
        let logger = shared.bootstrapLogging(configuration, console: console)
        let options = Ingestion.Options(
            sinceHours: sinceHours, dryRun: dryRun, toolVersion: ToolVersion.current, waitLock: waitLock.map { .seconds($0) },
            progress: shared.progressDisplay(configuration, console: console, environment: environment))
        let report = await SignalCanceller.cancelOnSignal(logger: logger) {
            await Ingestion.run(configuration: configuration, options: options, logger: logger)
        }
        for line in report.preview { print(line) }
        let code = IngestExitCode(report)
        if code != .ok { throw ExitCode(code.rawValue) }
    }
}
