import ArgumentParser
import Foundation
import Ingest
import Logging

extension LogFormat: ExpressibleByArgument {}

/// The options every subcommand reads its configuration and sets up its logging with.
struct SharedOptions: ParsableArguments {
    @Option(name: .customLong("envfile"), help: ArgumentHelp("A dotenv file with the configuration; repeatable, later files win.", valueName: "path"))
    var envFiles: [String] = []

    @Option(name: .customLong("log-format"), help: "text or json (one JSON object per line); default INGEST_LOG_FORMAT, else text.")
    var logFormat: LogFormat?

    @Flag(name: .customLong("verbose"), help: "Debug logging.")
    var verbose = false

    /// The validated configuration, or exit 78 after one line naming the key (a JSON object
    /// when `--log-format json` was given: the configuration that might say so is what failed).
    func loadConfiguration(environment: [String: String]) throws -> IngestConfiguration {
        do {
            return try IngestConfiguration.load(files: envFiles, environment: environment)
        } catch {
            throw configurationFailure(error)
        }
    }

    /// Writes `error` as the one line on standard error and returns exit 78 to throw.
    func configurationFailure(_ error: any Error) -> ExitCode {
        let line = logFormat == .json
            ? LogLineFormatter.json(level: .critical, label: "qtickets-ingest", message: "qtickets-ingest: \(error)", metadata: [:], date: Date())
            : "qtickets-ingest: \(error)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return ExitCode(IngestExitCode.configuration.rawValue)
    }

    /// Bootstraps swift-log with the ingester's handler in the chosen format, writing through
    /// `console`, and logs the configuration's warnings.
    func bootstrapLogging(_ configuration: IngestConfiguration, console: ConsoleOutput) -> Logger {
        let logger = bootstrapLogging(format: logFormat ?? configuration.logFormat, console: console)
        for warning in configuration.warnings { logger.warning("Configuration warning", metadata: ["warning": "\(warning)"]) }
        return logger
    }

    /// Bootstraps swift-log (once per process) in `format`, at `--verbose`'s level.
    func bootstrapLogging(format: LogFormat, console: ConsoleOutput) -> Logger {
        let level: Logger.Level = verbose ? .debug : .info
        LoggingSystem.bootstrap { label in IngestLogHandler(label: label, format: format, console: console, level: level) }
        return Logger(label: "qtickets-ingest")
    }

    /// A bar on an interactive terminal with text logs; plain lines anywhere else (systemd's
    /// journal, a pipe, a file, JSON logs); nothing when `INGEST_PROGRESS_SECONDS=0`.
    func progressDisplay(_ configuration: IngestConfiguration, console: ConsoleOutput, environment: [String: String]) -> ProgressDisplay {
        guard configuration.progressSeconds > 0 else { return .off }
        let text = (logFormat ?? configuration.logFormat) == .text
        return text && console.isInteractiveTerminal(environment: environment) ? .bar(console) : .lines
    }
}
