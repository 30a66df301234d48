import Foundation

/// The Prometheus textfile (node_exporter's textfile collector) of one organiser's ingester.
///
/// Naming follows the Prometheus conventions: `qtickets_ingest_` prefix, counters end in
/// `_total`, times are `_seconds` or `_timestamp_seconds` in base units, every series carries an
/// `organiser` label and none a `job` label (the scrape sets `job`). Counters count the current
/// (or last) run: each run starts them from zero, which Prometheus's `rate`/`increase` read as a
/// counter reset. Gauges the run cannot know itself (the previous run's outcome while this one
/// is under way, or the warehouse's coverage when ClickHouse could not be read) are carried
/// over from the previous file.
struct PrometheusExposition {
    /// The last finished run's outcome.
    struct Outcome {
        var finishedAt: Date
        var succeeded: Bool
        var durationSeconds: Double
    }

    var organiser: String
    var snapshot: MetricsSnapshot
    var runStartedAt: Date
    var inProgress: Bool
    var lastRun: Outcome?
    var lastSuccessAt: Date?
    var coverage: CoverageSummary?

    /// The families, names first: the alert rules in `configs/prometheus/` use these names.
    static let carriedGauges = [
        "qtickets_ingest_last_run_timestamp_seconds", "qtickets_ingest_last_run_success", "qtickets_ingest_last_run_duration_seconds",
        "qtickets_ingest_last_success_timestamp_seconds", "qtickets_ingest_coverage_start_timestamp_seconds",
        "qtickets_ingest_coverage_end_timestamp_seconds", "qtickets_ingest_coverage_gap_seconds",
    ]

    /// `previous`: the file this one replaces (its carried gauges are reused when unknown now).
    func render(previous: String?) -> String {
        var out = PrometheusWriter(organiser: organiser, previous: previous)
        out.gauge("run_in_progress", "1 while a run is under way.", inProgress ? 1 : 0)
        out.gauge("run_start_timestamp_seconds", "Start of the current or last run.", runStartedAt.timeIntervalSince1970.rounded())
        out.gauge("last_run_timestamp_seconds", "End of the last finished run.", lastRun.map { $0.finishedAt.timeIntervalSince1970.rounded() })
        out.gauge("last_run_success", "1 when the last finished run succeeded, 0 when it failed.", lastRun.map { $0.succeeded ? 1 : 0 })
        out.gauge("last_run_duration_seconds", "Wall time of the last finished run.", lastRun?.durationSeconds)
        out.gauge("last_success_timestamp_seconds", "End of the last successful run.", lastSuccessAt?.timeIntervalSince1970.rounded())
        out.gauge("coverage_start_timestamp_seconds", "The warehouse holds every order changed since then (start of the unbroken chain of successful windows).",
                  coverage.flatMap { $0.completeSince?.timeIntervalSince1970 })
        out.gauge("coverage_end_timestamp_seconds", "End of the newest successful window.", coverage.flatMap { $0.coveredUntil?.timeIntervalSince1970 })
        out.gauge("coverage_gap_seconds", "Length of the newest period between successful windows that none covers; 0 without a gap.", coverage?.gapSeconds)
        out.counter("api_requests_total", "API requests by endpoint and HTTP status (network_error: no answer), this run.",
                    snapshot.requests.flatMap { endpoint, statuses in
                        statuses.map { ([("endpoint", endpoint), ("status", $0.key)], Double($0.value)) }
                    })
        out.counter("api_retries_total", "API retries scheduled by endpoint, this run.", snapshot.retries.map { ([("endpoint", $0.key)], Double($0.value)) })
        out.counter("api_request_duration_seconds_total", "Time spent in API requests by endpoint, this run.",
                    snapshot.requestSeconds.map { ([("endpoint", $0.key)], $0.value) })
        out.counter("rows_written_total", "Rows written by table, this run.", snapshot.tables.map { ([("table", $0.key)], Double($0.value.rows)) })
        out.counter("batch_retries_total", "ClickHouse batch retries by table, this run.", snapshot.tables.map { ([("table", $0.key)], Double($0.value.retries)) })
        out.counter("orders_total", "Orders fetched, this run.", [([], Double(snapshot.counters["orders"] ?? 0))])
        out.counter("skipped_records_total", "Malformed records skipped, this run.", [([], Double(snapshot.skippedTotal))])
        return out.text
    }
}

/// Text exposition format, one family at a time; samples sorted so the file is stable.
private struct PrometheusWriter {
    let organiser: String
    let previous: [Substring]
    var text = ""

    init(organiser: String, previous: String?) {
        self.organiser = organiser
        self.previous = previous?.split(separator: "\n") ?? []
    }

    /// A gauge with the organiser label only; `nil` carries the previous file's sample over.
    mutating func gauge(_ name: String, _ help: String, _ value: Double?) {
        let series = "qtickets_ingest_\(name)" + labels([])
        header(name, help, "gauge")
        if let value {
            text += "\(series) \(Self.number(value))\n"
        } else if let carried = previous.first(where: { $0.hasPrefix(series + " ") }) {
            text += carried + "\n"
        }
    }

    mutating func counter(_ name: String, _ help: String, _ samples: [([(String, String)], Double)]) {
        header(name, help, "counter")
        for (extra, value) in samples.map({ (labels($0.0), $0.1) }).sorted(by: { $0.0 < $1.0 }) {
            text += "qtickets_ingest_\(name)\(extra) \(Self.number(value))\n"
        }
    }

    private mutating func header(_ name: String, _ help: String, _ type: String) {
        text += "# HELP qtickets_ingest_\(name) \(help)\n# TYPE qtickets_ingest_\(name) \(type)\n"
    }

    private func labels(_ extra: [(String, String)]) -> String {
        "{" + ([("organiser", organiser)] + extra).map { "\($0.0)=\"\(Self.escaped($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// Label values escape backslash, double quote and newline.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Whole numbers without a fraction (timestamps read better), others as Swift prints them.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
