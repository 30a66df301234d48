import Foundation

/// Who holds the run lock, as the loser's one line names it: the host, the process, the run
/// and since when. Written as JSON into the lock file (``FileLock``) and read back from a
/// lease claim (``LeaseClaim``).
public struct LockHolder: Codable, Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var pid: Int32
    public var runID: String
    public var since: Date

    public init(host: String, pid: Int32, runID: String, since: Date) {
        self.host = host
        self.pid = pid
        self.runID = runID
        self.since = since
    }

    enum CodingKeys: String, CodingKey {
        case host, pid, runID = "run_id", since
    }

    public var description: String {
        "host \(host), pid \(pid), run \(runID), since \(since.formatted(.iso8601))"
    }

    /// The lock file's content.
    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The holder a lock file names, or `nil` for a file being written or not ours.
    static func decode(_ data: Data) -> LockHolder? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LockHolder.self, from: data)
    }
}
