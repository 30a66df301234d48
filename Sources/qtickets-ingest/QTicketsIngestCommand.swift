import ArgumentParser
import ClickHouseHTTP
import Foundation
import Ingest
import Logging
import QTicketsAPI

/// The `qtickets-ingest` command: flags → validated configuration → one ``IngestionRun`` →
/// summary and exit code. Everything else lives in the `Ingest` module.
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
            ClickHouse was reachable); 64 bad command line; 78 a missing or malformed configuration \
            key (nothing was sent anywhere); 130 interrupted by SIGINT/SIGTERM (recorded as failed).
            """,
        version: ToolVersion.current
    )

    @Option(name: .customLong("envfile"), help: ArgumentHelp("A dotenv file with the configuration; repeatable, later files win.", valueName: "path"))
    var envFiles: [String] = []

    @Option(name: .customLong("since-hours"), help: "Lookback window for orders, by updated_at (8760 = a year's backfill).")
    var sinceHours: Int = 24

    @Flag(name: .customLong("dry-run"), help: "Fetch and transform everything, write nothing to ClickHouse, print what would be written.")
    var dryRun = false

    @Flag(name: .customLong("verbose"), help: "Debug logging.")
    var verbose = false

    @Flag(name: .customLong("print-schema"), help: "Print the ClickHouse schema (CLICKHOUSE_DB or zakaz) and exit.")
    var printSchema = false

    func validate() throws {
        guard (1...(24 * 365 * 20)).contains(sinceHours) else {
            throw ValidationError("--since-hours must be between 1 and 175200")
        }
    }

    func run() async throws {
        SignalCanceller.install([SIGINT, SIGTERM])
        if printSchema {
            let database = (try? IngestConfiguration.load(files: envFiles, environment: ProcessInfo.processInfo.environment).clickHouseDatabase)
                ?? ProcessInfo.processInfo.environment["CLICKHOUSE_DB"] ?? "zakaz"
            print(IngestSchema.sqlFile(database: database), terminator: "")
            return
        }
        let config: IngestConfiguration
        do {
            config = try IngestConfiguration.load(files: envFiles, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("qtickets-ingest: \(error)\n".utf8))
            throw ExitCode(IngestExitCode.configuration.rawValue)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .info
            return handler
        }
        let logger = Logger(label: "qtickets-ingest")
        let code = await Self.execute(config: config, sinceHours: sinceHours, dryRun: dryRun, logger: logger)
        if code != .ok { throw ExitCode(code.rawValue) }
    }

    static func execute(config: IngestConfiguration, sinceHours: Int, dryRun: Bool, logger: Logger) async -> IngestExitCode {
        let metrics = RunMetrics()
        let api: QTicketsClient
        let clickHouse: ClickHouseClient?
        do {
            api = try QTicketsClient(configuration: config.qticketsConfiguration, logger: logger, observer: metrics)
            clickHouse = dryRun ? nil : try ClickHouseClient(configuration: config.clickHouseConfiguration, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("qtickets-ingest: configuration error: \(error)\n".utf8))
            return .configuration
        }
        let options = IngestionRun.Options(sinceHours: sinceHours, dryRun: dryRun, toolVersion: ToolVersion.current)
        let run = IngestionRun(configuration: config, options: options, api: api, clickHouse: clickHouse, metrics: metrics, logger: logger)

        let task = Task { await run.run() }
        let watcher = Task {
            guard let signal = await SignalCanceller.waitForSignal() else { return }
            logger.warning("Signal received; stopping the run", metadata: ["signal": "\(signal)"])
            task.cancel()
        }
        let report = await task.value
        watcher.cancel()
        let interrupted = SignalCanceller.received != nil

        for line in report.preview { print(line) }
        var fields: Logger.Metadata = ["status": "\(report.status.rawValue)", "run_id": "\(report.runID)", "dry_run": "\(dryRun)"]
        for (key, value) in report.metrics.summaryFields() { fields[key] = "\(value)" }
        if !report.message.isEmpty { fields["error"] = "\(report.message)" }
        logger.log(level: report.status == .ok ? .info : .error, "QTickets API ingestion run finished", metadata: fields)

        if let path = config.prometheusFile {
            let text = report.metrics.prometheusText(job: "qtickets_api", status: report.status.rawValue, finishedAt: Date())
            do {
                // Written aside and renamed: the textfile collector never reads half a file.
                try Data(text.utf8).write(to: URL(fileURLWithPath: path + ".tmp"))
                guard rename(path + ".tmp", path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch {
                logger.warning("Could not write the Prometheus textfile", metadata: ["path": "\(path)", "error": "\(error)"])
            }
        }
        try? await api.shutdown()
        try? await clickHouse?.shutdown()
        if interrupted { return .interrupted }
        return report.status == .ok ? .ok : .runFailed
    }
}
