import ClickHouseHTTP
import Foundation

/// A point-in-time copy of ``RunMetrics``: rendered as the summary line, as the JSON stored in
/// `meta_job_runs.metrics`, and as a Prometheus textfile.
public struct MetricsSnapshot: Sendable, Codable, Equatable {
    public struct SkippedRecord: Sendable, Codable, Equatable {
        public var endpoint: String
        public var id: Int?
        public var reason: String
    }

    public struct TableStats: Sendable, Codable, Equatable {
        public var rows = 0
        public var batches = 0
        public var rawBytes = 0
        public var compressedBytes = 0
        public var retries = 0
        public var failedBatches = 0
        public var seconds = 0.0

        public var compressionRatio: Double { InsertStats.compressionRatio(rawBytes: rawBytes, compressedBytes: compressedBytes) }
    }

    public var requests: [String: [String: Int]]
    public var requestSeconds: [String: Double]
    public var retries: [String: Int]
    /// The first ``RunMetrics/skippedKept`` records skipped; ``skippedTotal`` counts them all.
    public var skipped: [SkippedRecord]
    public var skippedTotal: Int
    public var tables: [String: TableStats]
    public var counters: [String: Int]
    public var phases: [String: Double]
    public var elapsedSeconds: Double

    public var totalRequests: Int { requests.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
    public var totalRetries: Int { retries.values.reduce(0, +) }
    public var rowsWritten: Int { tables.values.reduce(0) { $0 + $1.rows } }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// One line, `key=value` pairs, greppable and stable.
    public func summaryFields() -> [(String, String)] {
        var fields: [(String, String)] = [
            ("requests", String(totalRequests)),
            ("retries", String(totalRetries)),
            ("skipped_records", String(skippedTotal)),
        ]
        for (name, stats) in tables.sorted(by: { $0.key < $1.key }) {
            fields.append(("rows_\(name)", String(stats.rows)))
        }
        let raw = tables.values.reduce(0) { $0 + $1.rawBytes }
        let compressed = tables.values.reduce(0) { $0 + $1.compressedBytes }
        fields.append(("bytes_raw", String(raw)))
        fields.append(("bytes_sent", String(compressed)))
        fields.append(("compression_ratio", String(format: "%.2f", InsertStats.compressionRatio(rawBytes: raw, compressedBytes: compressed))))
        for (name, value) in counters.sorted(by: { $0.key < $1.key }) { fields.append((name, String(value))) }
        fields.append(("seconds", String(format: "%.2f", elapsedSeconds)))
        return fields
    }

    /// Prometheus text exposition format, for node_exporter's textfile collector.
    public func prometheusText(job: String, status: String, finishedAt: Date) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ help: String, _ type: String, _ samples: [(String, Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for (labels, value) in samples { lines.append("\(name)\(labels) \(value)") }
        }
        let jobLabel = "job=\"\(job)\""
        metric("qtickets_ingest_last_run_timestamp_seconds", "End of the last run.", "gauge", [("{\(jobLabel)}", finishedAt.timeIntervalSince1970.rounded())])
        metric("qtickets_ingest_last_run_success", "1 when the last run ended ok.", "gauge", [("{\(jobLabel)}", status == "ok" ? 1 : 0)])
        metric("qtickets_ingest_last_run_duration_seconds", "Wall time of the last run.", "gauge", [("{\(jobLabel)}", elapsedSeconds)])
        metric("qtickets_ingest_api_requests", "API requests of the last run by endpoint and status.", "gauge",
               requests.sorted { $0.key < $1.key }.flatMap { endpoint, statuses in
                   statuses.sorted { $0.key < $1.key }.map { ("{\(jobLabel),endpoint=\"\(endpoint)\",status=\"\($0.key)\"}", Double($0.value)) }
               })
        metric("qtickets_ingest_api_retries", "API retries of the last run by endpoint.", "gauge",
               retries.sorted { $0.key < $1.key }.map { ("{\(jobLabel),endpoint=\"\($0.key)\"}", Double($0.value)) })
        metric("qtickets_ingest_rows_written", "Rows written by table in the last run.", "gauge",
               tables.sorted { $0.key < $1.key }.map { ("{\(jobLabel),table=\"\($0.key)\"}", Double($0.value.rows)) })
        metric("qtickets_ingest_skipped_records", "Malformed records skipped in the last run.", "gauge", [("{\(jobLabel)}", Double(skippedTotal))])
        return lines.joined(separator: "\n") + "\n"
    }
}
