/// Why a run did not get the run lock.
public enum RunLockError: Error, Equatable, CustomStringConvertible {
    /// Another run holds it (`holder` nil: its lock file did not name it yet); `waited` is
    /// how long `--wait-lock` queued first, in seconds.
    case busy(key: String, holder: LockHolder?, waited: Int?)
    /// `INGEST_LOCK_DIR` is not usable.
    case lockDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case let .busy(key, holder, waited):
            let who = holder.map(\.description) ?? "a holder that has not named itself yet"
            let wait = waited.map { " (waited \($0) s)" } ?? ""
            return "another run holds the lock of \(key): \(who)\(wait)"
        case let .lockDirectory(path, reason):
            return "configuration error: INGEST_LOCK_DIR: cannot use the lock file \(path): \(reason)"
        }
    }
}
