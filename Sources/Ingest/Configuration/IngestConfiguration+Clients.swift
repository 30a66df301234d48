import ClickHouseHTTP
import Foundation
import QTicketsAPI

/// The configurations of the two clients and the writer, built from the validated keys.
extension IngestConfiguration {
    public var clickHouseConfiguration: ClickHouseConfiguration {
        ClickHouseConfiguration(
            // Every statement the ingester sends names `db.table`; no `?database=` lets the
            // first run create the database it is about to use.
            url: clickHouseURL, user: clickHouseUser, password: clickHousePassword,
            database: "", caFile: clickHouseCAFile,
            connectTimeout: .seconds(10), requestTimeout: .seconds(clickHouseTimeoutSeconds)
        )
    }

    /// The cluster the warehouse's tables are replicated on; `nil`: one server.
    public var warehouseCluster: WarehouseDDL.Cluster? {
        clickHouseCluster.map { WarehouseDDL.Cluster(name: $0, zooKeeperPrefix: clickHouseZooKeeperPrefix) }
    }

    public var batchingConfiguration: BatchingConfiguration {
        var batching = BatchingConfiguration()
        batching.maxRows = batchRows
        batching.maxBytes = batchBytes
        batching.maxAge = .milliseconds(batchAgeMilliseconds)
        batching.compression = compression
        batching.retry.maxAttempts = clickHouseMaxAttempts
        return batching
    }

    public var qticketsConfiguration: QTicketsConfiguration {
        var retry = QTicketsConfiguration.defaultRetry
        retry.maxAttempts = apiMaxAttempts
        var configuration = QTicketsConfiguration(
            baseURL: apiBaseURL, token: apiToken, requestsPerSecond: apiRequestsPerSecond,
            burst: apiBurst, concurrency: apiConcurrency, requestTimeout: .seconds(apiTimeoutSeconds), retry: retry
        )
        // Window boundaries are written in the organiser's zone, as the API's own timestamps are.
        configuration.filterTimeZone = timeZone
        configuration.maxBodyBytes = apiMaxResponseBytes
        return configuration
    }
}
