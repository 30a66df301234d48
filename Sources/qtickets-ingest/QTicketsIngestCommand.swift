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
            ClickHouse was reachable); 64 bad command line; 74 the run's final meta_job_runs row could \
            not be written (it may still say running), or a signalled run did not stop within \
            INGEST_SHUTDOWN_GRACE_SECONDS; 75 another run holds the lock of this \
            database and organiser (one line names it; nothing was written); 78 a missing or \
            malformed configuration key (nothing was sent anywhere), or a TZ other than the \
            warehouse's (nothing was written); 130 interrupted by SIGINT/SIGTERM (recorded as failed).

            Backfills: --from DATE --to DATE (both inclusive, in TZ) or a --since-hours longer than \
            INGEST_SLICE_DAYS (default 30) run as slices of updated_at, newest first, each recorded in \
            meta_job_runs; the same command run again skips the slices already loaded. A backfill \
            holds the run lock throughout: a timer run meanwhile exits 75 (or queues with --wait-lock).

            --organisers DIR runs every organiser of DIR (one *.env file each, over the --envfile files) in \
            this process, each into its own CLICKHOUSE_DB; the exit status is the worst of theirs, in the \
            order 0 < 75 < 1 < 78 < 130 < 74.

            Progress: a line every INGEST_PROGRESS_SECONDS (default 10); on a terminal, one bar \
            updated in place. `qtickets-ingest status` shows the job's health.
            """,
        version: ToolVersion.current,
        subcommands: [StatusCommand.self]
    )

    @OptionGroup var shared: SharedOptions

    @OptionGroup var organisers: OrganiserOptions

    @Option(
        name: .customLong("since-hours"),
        help: "Lookback window for orders, by updated_at (default 24; 8760 = a year's backfill, in slices when longer than INGEST_SLICE_DAYS).")
    var sinceHours: Int?

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp("Backfill from this date (YYYY-MM-DD, in TZ), inclusive; with --to. Runs in resumable slices.", valueName: "date"))
    var from: String?

    @Option(
        name: .customLong("to"),
        help: ArgumentHelp(
            "Backfill up to and including this date (--from 2025-01-01 --to 2025-12-31 is all of 2025); today or later: up to now.",
            valueName: "date"))
    var to: String?

    @Flag(name: .customLong("dry-run"), help: "Fetch and transform everything, write nothing to ClickHouse, print what would be written.")
    var dryRun = false

    @Option(
        name: .customLong("wait-lock"),
        help: ArgumentHelp("Queue behind a run that holds the lock for up to this many seconds, instead of exiting 75 at once.", valueName: "seconds"))
    var waitLock: Int?

    @Flag(name: .customLong("print-schema"), help: "Print the ClickHouse schema (CLICKHOUSE_DB or zakaz) and exit.")
    var printSchema = false

    func validate() throws {
        if let sinceHours, !(1...(24 * 365 * 20)).contains(sinceHours) {
            throw ValidationError("--since-hours must be between 1 and 175200")
        }
        _ = try dates()
        if let waitLock, !(1...(24 * 3_600)).contains(waitLock) {
            throw ValidationError("--wait-lock must be between 1 and 86400 seconds")
        }
    }

    /// `--from/--to` parsed (both or neither; not with `--since-hours`), or `nil`.
    func dates() throws -> BackfillDates? {
        switch (from, to) {
        case (nil, nil): return nil
        case let (from?, to?):
            guard sinceHours == nil else {
                throw ValidationError("--since-hours and --from/--to both choose the window: give one of them")
            }
            do { return try BackfillDates(from: from, to: to) } catch { throw ValidationError(error.description) }
        default:
            throw ValidationError("--from and --to go together: give both dates (inclusive), e.g. --from 2025-01-01 --to 2025-12-31")
        }
    }

    func run() async throws {
        SignalCanceller.install([SIGINT, SIGTERM])
        let environment = ProcessInfo.processInfo.environment
        AllocatorTuning.apply(environment: environment)
        if printSchema {
            // A complete configuration gives the database and, on a cluster, the replicated DDL.
            let configuration = try? IngestConfiguration.load(files: shared.envFiles, environment: environment)
            let database = configuration?.clickHouseDatabase ?? environment["CLICKHOUSE_DB"] ?? "zakaz"
            print(WarehouseSQL(database: database, cluster: configuration?.warehouseCluster).schemaFile, terminator: "")
            return
        }
        if let directory = organisers.directory {
            return try await runOrganisers(directory: directory, environment: environment)
        }
        let configuration = try shared.loadConfiguration(environment: environment)
        let dates = try dates()
        if let dates, dates.range(in: SalesCalendar(timeZone: configuration.timeZone)).lowerBound > Date() {
            throw ValidationError("--from \(from ?? "") is in the future (in \(configuration.timeZoneName)): nothing to load yet")
        }
        let console = ConsoleOutput()
        let logger = shared.bootstrapLogging(configuration, console: console)
        let options = runOptions(progress: shared.progressDisplay(configuration, console: console, environment: environment))
        let report = await SignalCanceller.cancelOnSignal(logger: logger, grace: .seconds(configuration.shutdownGraceSeconds)) {
            await Ingestion.run(configuration: configuration, options: options, logger: logger)
        }
        for line in report.preview { print(line) }
        let code = IngestExitCode(report)
        if code != .ok { throw ExitCode(code.rawValue) }
    }

    /// What the flags ask of a run (of one organiser, or of each with `--organisers`).
    func runOptions(progress: ProgressDisplay) -> Ingestion.Options {
        Ingestion.Options(
            sinceHours: sinceHours ?? 24, dryRun: dryRun, toolVersion: ToolVersion.current,
            // `validate()` has parsed the dates already: here they cannot fail.
            dates: (try? dates()) ?? nil, waitLock: waitLock.map { .seconds($0) }, progress: progress)
    }
}
