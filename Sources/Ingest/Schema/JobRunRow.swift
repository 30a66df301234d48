import ClickHouseHTTP
import Foundation

/// One run of the ingester in `meta_job_runs`: written as `running` at start and replaced by
/// its final status (`ok` or `error`) at the end, keyed by `(job, run_id)`.
///
/// `window_from`/`window_to` record what a successful run covered; later runs read them to know
/// which days the ticket table holds completely (see ``CoverageTracker``).
public struct JobRunRow: RowBinaryRow, Equatable {
    /// This ingester's name in `meta_job_runs.job` and in the Prometheus `job` label: the one
    /// spelling of it (the coverage read filters on it).
    public static let jobName = "qtickets_api"

    public var job: String = JobRunRow.jobName
    public var runID: String
    public var startedAt: UInt32
    public var finishedAt: UInt32?
    public var status: String
    public var rowsProcessed: UInt64
    public var message: String
    public var metrics: String
    public var windowFrom: UInt32
    public var windowTo: UInt32
    public var toolVersion: String
    public var version: UInt64

    public static let table = TableDefinition(
        name: "meta_job_runs",
        columns: [
            ColumnDefinition("job", .string),
            ColumnDefinition("run_id", .string),
            ColumnDefinition("started_at", .dateTime(timeZone: nil)),
            ColumnDefinition("finished_at", .nullable(.dateTime(timeZone: nil))),
            ColumnDefinition("status", .string),
            ColumnDefinition("rows_processed", .uInt64),
            ColumnDefinition("message", .string),
            ColumnDefinition("metrics", .string),
            ColumnDefinition("window_from", .dateTime(timeZone: nil)),
            ColumnDefinition("window_to", .dateTime(timeZone: nil)),
            ColumnDefinition("tool_version", .string),
            ColumnDefinition("version", .uInt64),
        ],
        orderBy: ["job", "run_id"],
        versionColumn: "version"
    )

    public func encode(to writer: inout RowBinaryWriter) throws {
        writer.writeString(job)
        writer.writeString(runID)
        writer.writeDateTime(epochSeconds: startedAt)
        if let finishedAt {
            writer.writeNonNullMarker()
            writer.writeDateTime(epochSeconds: finishedAt)
        } else {
            writer.writeNull()
        }
        writer.writeString(status)
        writer.writeUInt64(rowsProcessed)
        writer.writeString(message)
        writer.writeString(metrics)
        writer.writeDateTime(epochSeconds: windowFrom)
        writer.writeDateTime(epochSeconds: windowTo)
        writer.writeString(toolVersion)
        writer.writeUInt64(version)
    }
}
