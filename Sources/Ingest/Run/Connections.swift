import ClickHouseHTTP
import Logging
import QTicketsAPI

/// A run's two clients and the warehouse: built together from the configuration, shut down
/// together after the run.
struct Connections: Sendable {
    let api: QTicketsClient
    let warehouse: any Warehouse
    /// The warehouse's client; `nil` in a dry run, which sends nothing to ClickHouse.
    let clickHouse: ClickHouseClient?

    /// Throws when a client cannot be built (nothing has been sent yet), after shutting down
    /// whatever was built before.
    init(configuration: IngestConfiguration, options: Ingestion.Options, metrics: RunMetrics, logger: Logger) async throws {
        api = try QTicketsClient(configuration: configuration.qticketsConfiguration, logger: logger, observer: metrics)
        // The one place that asks whether this is a dry run: it picks the warehouse, and with
        // it the sinks.
        guard !options.dryRun else {
            warehouse = DryRunWarehouse()
            clickHouse = nil
            return
        }
        do {
            let client = try ClickHouseClient(configuration: configuration.clickHouseConfiguration, logger: logger)
            clickHouse = client
            warehouse = ClickHouseWarehouse(
                client: client, database: configuration.clickHouseDatabase, cluster: configuration.warehouseCluster,
                batching: configuration.batchingConfiguration, runID: options.runID, logger: logger, onBatch: { await metrics.batchWritten($0) }
            )
        } catch {
            try? await api.shutdown()
            throw error
        }
    }

    func shutdown() async {
        try? await api.shutdown()
        try? await clickHouse?.shutdown()
    }
}
