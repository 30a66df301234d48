import Foundation

/// The verdict of `qtickets-ingest status`, and its exit code for a monitoring check (the
/// Nagios convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
public enum StatusHealth: Int32, Sendable {
    /// A run succeeded within the stale limit and the newest finished run succeeded.
    case healthy = 0
    /// The newest finished run failed (a success within the stale limit keeps it from stale).
    case failing = 1
    /// No run succeeded within `INGEST_STALE_AFTER_MINUTES` (or ever): the data is getting old.
    case stale = 2
    /// The warehouse could not be read.
    case unknown = 3

    /// Stale wins over failing: old data is the bigger problem, whatever the newest run did.
    /// Runs still under way (no end recorded) do not count either way.
    public init(_ status: WarehouseStatus, now: Date, staleAfter: TimeInterval) {
        guard let success = status.lastSuccessAt, now.timeIntervalSince(success) <= staleAfter else {
            self = .stale
            return
        }
        let newestFinished = status.recentRuns.first { $0.status != .running }
        self = newestFinished?.status == .error ? .failing : .healthy
    }

    public var word: String {
        switch self {
        case .healthy: "HEALTHY"
        case .failing: "FAILING"
        case .stale: "STALE"
        case .unknown: "UNKNOWN"
        }
    }
}
