import Foundation

/// What the run lock is about and how it behaves, from the configuration and the command line.
public struct RunLockSettings: Sendable {
    /// `database/organiser`: the lease's key, named in the loser's line.
    public var key: String
    /// The lock file, in `directory` (`INGEST_LOCK_DIR`).
    public var directory: String
    public var fileName: String
    /// A claim without a heartbeat for this long is dead (`INGEST_LOCK_TTL_SECONDS`).
    public var ttlSeconds: Int
    /// `--wait-lock`: queue this long instead of exiting at once.
    public var wait: Duration?
    public var runID: String

    public init(key: String, directory: String, fileName: String, ttlSeconds: Int, wait: Duration?, runID: String) {
        self.key = key
        self.directory = directory
        self.fileName = fileName
        self.ttlSeconds = ttlSeconds
        self.wait = wait
        self.runID = runID
    }

    /// The lock of `database` and `organiser` on the ClickHouse at `clickHouseURL`: the file name
    /// carries a hash of the URL, so two servers' databases of the same name do not share a
    /// file on one host (the lease, inside each server, is per server anyway).
    public init(database: String, organiser: String, clickHouseURL: String, directory: String, ttlSeconds: Int, wait: Duration?, runID: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across processes, unlike Hasher
        for byte in clickHouseURL.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        self.init(
            key: Self.key(database: database, organiser: organiser), directory: directory,
            fileName: "qtickets-ingest.\(database.fileNameSafe).\(organiser.fileNameSafe).\(String(hash, radix: 16)).lock",
            ttlSeconds: ttlSeconds, wait: wait, runID: runID)
    }

    /// The lease key of `database` and `organiser`: one run at a time per pair.
    public static func key(database: String, organiser: String) -> String { "\(database)/\(organiser)" }

    /// The first of `/run/lock` and the temporary directory that is writable: where a lock
    /// file goes when `INGEST_LOCK_DIR` is not set. Every run against one warehouse on a host
    /// must use the same directory for the flock layer to see them (the lease sees them anyway).
    public static func defaultDirectory() -> String {
        let candidates = ["/run/lock", FileManager.default.temporaryDirectory.path]
        return candidates.first { FileManager.default.isWritableFile(atPath: $0) } ?? "/tmp"
    }
}

extension IngestConfiguration {
    /// The run lock's lease key for this configuration's database and organiser.
    public var runLockKey: String { RunLockSettings.key(database: clickHouseDatabase, organiser: organiserName) }
}
