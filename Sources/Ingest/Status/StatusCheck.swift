import ClickHouseHTTP
import Foundation
import Logging

/// `qtickets-ingest status`: the warehouse's record of this job, read through the warehouse
/// layer (no SQL for the operator), rendered, and judged for a monitoring check's exit code.
public enum StatusCheck {
    public struct Outcome: Sendable {
        public var text: String
        public var health: StatusHealth
    }

    /// Never throws: an unreachable warehouse is ``StatusHealth/unknown`` with the reason.
    public static func run(configuration: IngestConfiguration, recentRuns: Int = 10, now: Date = Date(), logger: Logger) async -> Outcome {
        let renderer = StatusRenderer(
            organiser: configuration.organiserName, database: configuration.clickHouseDatabase,
            timeZone: configuration.timeZone, now: now, staleAfter: TimeInterval(configuration.staleAfterMinutes * 60))
        let client: ClickHouseClient
        do {
            client = try ClickHouseClient(configuration: configuration.clickHouseConfiguration, logger: logger)
        } catch {
            return Outcome(text: "qtickets-ingest status: UNKNOWN: \(error)\n", health: .unknown)
        }
        let warehouse = ClickHouseWarehouse(
            client: client, database: configuration.clickHouseDatabase, cluster: configuration.warehouseCluster,
            batching: configuration.batchingConfiguration, runID: "status", logger: logger)
        let outcome: Outcome
        do {
            let status = try await warehouse.status(
                recentRuns: recentRuns, lockKey: configuration.runLockKey, lockTTLSeconds: configuration.lockTTLSeconds)
            let health = StatusHealth(status, now: now, staleAfter: renderer.staleAfter)
            outcome = Outcome(text: renderer.render(status, health: health), health: health)
        } catch {
            outcome = Outcome(text: "qtickets-ingest status: UNKNOWN: cannot read meta_job_runs: \(error)\n", health: .unknown)
        }
        try? await client.shutdown()
        return outcome
    }
}
