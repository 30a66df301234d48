import Foundation

/// What the warehouse says about this job's health, read by ``Warehouse/status(recentRuns:)``:
/// the material of `qtickets-ingest status` and of the Prometheus textfile's gauges.
public struct WarehouseStatus: Sendable, Equatable {
    /// Newest first.
    public var recentRuns: [RecordedRun]
    public var lastSuccess: RecordedRun?
    public var lastError: RecordedRun?
    public var coverage: CoverageSummary
    /// `nil`: nobody holds the lock, or the lock is not tracked (see ``LockHolder``).
    public var lockHolder: LockHolder?

    public init(recentRuns: [RecordedRun] = [], lastSuccess: RecordedRun? = nil, lastError: RecordedRun? = nil,
                coverage: CoverageSummary = CoverageSummary(windows: []), lockHolder: LockHolder? = nil) {
        self.recentRuns = recentRuns
        self.lastSuccess = lastSuccess
        self.lastError = lastError
        self.coverage = coverage
        self.lockHolder = lockHolder
    }

    /// When the last successful run ended.
    public var lastSuccessAt: Date? { lastSuccess.map { $0.finishedAt ?? $0.startedAt } }
}
