import Foundation
import Logging

/// The one entry point of an ingestion run: configuration and options in, ``RunReport`` out.
///
/// Builds the metrics and the ``Connections`` (the QTickets and ClickHouse clients and the
/// warehouse: the real one, or ``DryRunWarehouse`` for `--dry-run`, decided there once), runs
/// ``IngestionRun``, shuts the clients down, logs the summary line and writes the Prometheus
/// textfile. The command and the tests both call this: there is no second wiring.
public enum Ingestion {
    /// Runs to the end and reports; never throws. Cancelling the calling task (a signal) ends
    /// the run as ``RunReport/Failure/interrupted``, recorded as failed.
    public static func run(configuration: IngestConfiguration, options: Options, logger: Logger) async -> RunReport {
        let metrics = RunMetrics()
        let publisher = publisher(configuration: configuration, options: options, logger: logger)
        let connections: Connections
        do {
            connections = try await Connections(configuration: configuration, options: options, metrics: metrics, logger: logger)
        } catch {
            let report = RunReport(
                runID: options.runID, failure: .configuration, message: "configuration error: \(error)",
                metrics: await metrics.snapshot(), rowsByTable: [:], preview: []
            )
            return publish(report, status: nil, publisher: publisher, options: options, logger: logger)
        }
        let context = RunContext(
            configuration: configuration, options: options, api: connections.api, warehouse: connections.warehouse,
            metrics: metrics, logger: logger
        )
        let report = await withProgress(metrics: metrics, configuration: configuration, options: options, publisher: publisher, logger: logger) {
            await IngestionRun(context: context).run()
        }
        let status = publisher == nil ? nil : await statusAfterRun(connections.warehouse, configuration: configuration, logger: logger)
        await connections.shutdown()
        return publish(report, status: status, publisher: publisher, options: options, logger: logger)
    }

    /// The summary line operators grep for, and the Prometheus textfile when one is configured.
    /// A run refused by the lock says so in one line and nothing else: the holder's run is the
    /// one the summary and the textfile are about.
    static func publish(_ report: RunReport, status: WarehouseStatus?, publisher: PrometheusPublisher?, options: Options, logger: Logger) -> RunReport {
        if report.failure == .lockBusy {
            logger.error("\(report.message)")
            return report
        }
        var fields: Logger.Metadata = ["status": "\(report.status.rawValue)", "run_id": "\(report.runID)", "dry_run": "\(options.dryRun)"]
        for (key, value) in report.metrics.summaryFields() { fields[key] = "\(value)" }
        if !report.message.isEmpty { fields["error"] = "\(report.message)" }
        logger.log(level: report.status == .ok ? .info : .error, "QTickets API ingestion run finished", metadata: fields)
        publisher?.publishEnd(report, status: status, finishedAt: Date())
        return report
    }
}
