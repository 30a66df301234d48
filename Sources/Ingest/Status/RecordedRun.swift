import Foundation

/// One row of `meta_job_runs` as `status` shows it.
public struct RecordedRun: Sendable, Equatable {
    public var runID: String
    public var startedAt: Date
    /// `nil` while the run is under way (or when it died without recording its end).
    public var finishedAt: Date?
    public var status: JobRunRow.Status
    public var rows: Int
    public var message: String
    public var window: CoverageTracker.Window
    public var toolVersion: String

    public init(
        runID: String, startedAt: Date, finishedAt: Date?, status: JobRunRow.Status, rows: Int, message: String,
        window: CoverageTracker.Window, toolVersion: String
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.rows = rows
        self.message = message
        self.window = window
        self.toolVersion = toolVersion
    }

    public var durationSeconds: Double? { finishedAt.map { $0.timeIntervalSince(startedAt) } }
}
