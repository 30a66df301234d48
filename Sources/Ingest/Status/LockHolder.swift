import Foundation

/// Who holds the run lock, as `status` shows it.
///
/// The seam for the run lock (issue 8.5): its lease lives in `meta_ingest_lock`; until that
/// table exists, ``ClickHouseWarehouse/lockHolder()`` reports `nil` ("unknown") and `status`
/// says the lock is not tracked yet.
public struct LockHolder: Sendable, Equatable {
    public var host: String
    public var pid: Int
    public var runID: String
    public var since: Date

    public init(host: String, pid: Int, runID: String, since: Date) {
        self.host = host
        self.pid = pid
        self.runID = runID
        self.since = since
    }
}
