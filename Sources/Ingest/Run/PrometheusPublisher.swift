import Foundation
import Logging

/// The run's Prometheus textfile (`INGEST_PROM_FILE`): rewritten with each progress tick while
/// the run is under way and once at its end, always aside and renamed. ``Ingestion`` makes one
/// only for a real run: a dry run never touches the file.
struct PrometheusPublisher: Sendable {
    let textfile: PrometheusTextfile
    let organiser: String
    let runStartedAt: Date
    let logger: Logger

    /// During the run: its counters so far; the previous run's outcome and the coverage carried
    /// over from the file.
    func publishProgress(_ snapshot: MetricsSnapshot) {
        write(PrometheusExposition(
            organiser: organiser, snapshot: snapshot, runStartedAt: runStartedAt, inProgress: true,
            lastRun: nil, lastSuccessAt: nil, coverage: nil))
    }

    /// At the end: this run's outcome; the last success and the coverage as the warehouse
    /// records them after this run (`status`), or carried over when it could not be read. A
    /// warehouse without any success exports the epoch, so "no success for an hour" fires.
    func publishEnd(_ report: RunReport, status: WarehouseStatus?, finishedAt: Date) {
        let outcome = PrometheusExposition.Outcome(
            finishedAt: finishedAt, succeeded: report.status == .ok, durationSeconds: report.metrics.elapsedSeconds)
        let lastSuccess: Date? = if let status {
            status.lastSuccessAt ?? Date(timeIntervalSince1970: 0)
        } else {
            report.status == .ok ? finishedAt : nil
        }
        write(PrometheusExposition(
            organiser: organiser, snapshot: report.metrics, runStartedAt: runStartedAt, inProgress: false, lastRun: outcome,
            lastSuccessAt: lastSuccess, coverage: status?.coverage))
    }

    private func write(_ exposition: PrometheusExposition) {
        do {
            try textfile.write(exposition.render(previous: textfile.current()))
        } catch {
            logger.warning("Could not write the Prometheus textfile", metadata: ["path": "\(textfile.path)", "error": "\(error)"])
        }
    }
}
