import Foundation
import Logging

extension Ingestion {
    /// The textfile publisher of a real run with `INGEST_PROM_FILE` set; `nil` otherwise (a dry
    /// run never writes the file).
    static func publisher(configuration: IngestConfiguration, options: Options, logger: Logger) -> PrometheusPublisher? {
        guard !options.dryRun, let path = configuration.prometheusFile else { return nil }
        return PrometheusPublisher(
            textfile: PrometheusTextfile(path: path), organiser: configuration.organiserName, runStartedAt: options.now, logger: logger)
    }

    /// Runs `body` with the progress reporter beside it (a child task, stopped when `body`
    /// returns), ticking the textfile too.
    static func withProgress<T: Sendable>(
        metrics: RunMetrics, configuration: IngestConfiguration, options: Options, publisher: PrometheusPublisher?, logger: Logger,
        _ body: @escaping @Sendable () async -> T
    ) async -> T {
        let reporter = ProgressReporter(
            metrics: metrics, display: options.progress, interval: .seconds(configuration.progressSeconds), logger: logger,
            onTick: { snapshot in publisher?.publishProgress(snapshot) })
        return await withTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await reporter.run() }
            let value = await body()
            group.cancelAll()
            await group.waitForAll()
            return value
        }
    }

    /// The warehouse's record after the run, for the textfile; outside the run's task, so a run
    /// stopped by a signal still reads it. `nil` when it cannot be read (the file then carries
    /// the previous values over).
    static func statusAfterRun(_ warehouse: any Warehouse, configuration: IngestConfiguration, logger: Logger) async -> WarehouseStatus? {
        await Task {
            do {
                return try await warehouse.status(
                    recentRuns: 1, lockKey: configuration.runLockKey, lockTTLSeconds: configuration.lockTTLSeconds)
            } catch {
                logger.warning("Could not read the job's status for the Prometheus textfile", metadata: ["error": "\(error)"])
                return nil
            }
        }.value
    }
}
