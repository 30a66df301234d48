import Foundation

/// A textfile for node_exporter's textfile collector (`INGEST_PROM_FILE`).
///
/// Written aside and renamed into place: the collector never reads half a file.
struct PrometheusTextfile: Sendable {
    let path: String

    func write(_ text: String) throws {
        let temporary = path + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}

extension PrometheusTextfile {
    /// The file as it is now (the previous run's, or this run's last tick), if any.
    func current() -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
