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
    /// Phases under way when the snapshot was taken (the progress line's `phase`).
    public var activePhases: [String] = []
    /// The slice of a sliced backfill being loaded, if any.
    public var slice: String?

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
}
