import Foundation

extension PrometheusTextfile {
    /// The file of one organiser of a `--organisers` deployment: `INGEST_PROM_FILE` with the
    /// organiser's name before the extension (`qtickets_ingest.prom` → `qtickets_ingest.acme.prom`).
    ///
    /// One file per organiser rather than one combined file: each organiser's run rewrites its
    /// own file at its own pace (progress ticks, its end) without coordinating with the others,
    /// and a crashed organiser's file keeps its last values. node_exporter's textfile collector
    /// merges the files' samples into one family because every file writes the same `HELP` and
    /// `TYPE` lines and a different `organiser` label. The name is reduced to `[A-Za-z0-9_-]`:
    /// it becomes part of a file name.
    static func path(_ path: String, organiser: String) -> String {
        let url = URL(fileURLWithPath: path)
        let suffix = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        return url.deletingPathExtension().path + "." + organiser.fileNameSafe + suffix
    }
}
