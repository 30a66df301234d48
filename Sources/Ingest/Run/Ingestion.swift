import ClickHouseHTTP
import Foundation
import Logging
import QTicketsAPI

/// The one entry point of an ingestion run: configuration and options in, ``RunReport`` out.
///
/// Builds the QTickets and ClickHouse clients, the metrics and the warehouse — the real one,
/// or ``DryRunWarehouse`` for `--dry-run`: the only place that asks — runs ``IngestionRun``,
/// logs the summary line, writes the Prometheus textfile and shuts the clients down. The
/// command and the tests both call this: there is no second wiring.
public enum Ingestion {
    /// Runs to the end and reports; never throws. Cancelling the calling task (a signal) ends
    /// the run as ``RunReport/Failure/interrupted``, recorded as failed.
    public static func run(configuration: IngestConfiguration, options: Options, logger: Logger) async -> RunReport {
        let metrics = RunMetrics()
        let api: QTicketsClient
        let warehouse: (any Warehouse, ClickHouseClient?)
        do {
            api = try QTicketsClient(configuration: configuration.qticketsConfiguration, logger: logger, observer: metrics)
            do {
                warehouse = try makeWarehouse(configuration: configuration, options: options, metrics: metrics, logger: logger)
            } catch {
                try? await api.shutdown()
                throw error
            }
        } catch {
            let report = RunReport(
                runID: options.runID, failure: .configuration, message: "configuration error: \(error)",
                metrics: await metrics.snapshot(), rowsByTable: [:], preview: []
            )
            return publish(report, configuration: configuration, options: options, logger: logger)
        }
        let context = RunContext(
            configuration: configuration, options: options, api: api, warehouse: warehouse.0, metrics: metrics, logger: logger
        )
        let report = await IngestionRun(context: context).run()
        try? await api.shutdown()
        try? await warehouse.1?.shutdown()
        return publish(report, configuration: configuration, options: options, logger: logger)
    }

    /// The one place that asks whether this is a dry run: it picks the warehouse, and with it
    /// the sinks. The client is returned too, to be shut down after the run.
    static func makeWarehouse(
        configuration: IngestConfiguration, options: Options, metrics: RunMetrics, logger: Logger
    ) throws -> (any Warehouse, ClickHouseClient?) {
        guard !options.dryRun else { return (DryRunWarehouse(), nil) }
        let client = try ClickHouseClient(configuration: configuration.clickHouseConfiguration, logger: logger)
        let warehouse = ClickHouseWarehouse(
            client: client, database: configuration.clickHouseDatabase, batching: configuration.batchingConfiguration,
            runID: options.runID, logger: logger, onBatch: { await metrics.batchWritten($0) }
        )
        return (warehouse, client)
    }

    /// The summary line operators grep for, and the Prometheus textfile when one is configured.
    static func publish(_ report: RunReport, configuration: IngestConfiguration, options: Options, logger: Logger) -> RunReport {
        var fields: Logger.Metadata = ["status": "\(report.status.rawValue)", "run_id": "\(report.runID)", "dry_run": "\(options.dryRun)"]
        for (key, value) in report.metrics.summaryFields() { fields[key] = "\(value)" }
        if !report.message.isEmpty { fields["error"] = "\(report.message)" }
        logger.log(level: report.status == .ok ? .info : .error, "QTickets API ingestion run finished", metadata: fields)
        if let path = configuration.prometheusFile {
            let text = report.metrics.prometheusText(job: JobRunRow.jobName, status: report.status.rawValue, finishedAt: Date())
            do {
                try PrometheusTextfile(path: path).write(text)
            } catch {
                logger.warning("Could not write the Prometheus textfile", metadata: ["path": "\(path)", "error": "\(error)"])
            }
        }
        return report
    }
}
