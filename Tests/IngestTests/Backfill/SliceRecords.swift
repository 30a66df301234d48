import Foundation
import Ingest
import Logging
import TestSupport

/// A backfill's slices as `meta_job_runs` records them, and a backfill run in process.
struct SliceRecord: Equatable {
    var runID: String
    var status: String
    var from: Date
    var to: Date
    var window: CoverageTracker.Window { .init(from: from, to: to) }
}

extension IngestHarness {
    /// The rows of the slices of run `runID` (`<runID>-<n>`), in the order they were written last.
    func slices(of runID: String) async throws -> [SliceRecord] {
        try await records(where: "startsWith(run_id, '\(runID)-')")
    }

    /// Every `ok` row: the windows a rerun finds covered.
    func successfulRecords() async throws -> [SliceRecord] {
        try await records(where: "status = 'ok'")
    }

    private func records(where condition: String) async throws -> [SliceRecord] {
        let text = try await scalar("""
            SELECT run_id, status, toUnixTimestamp(window_from), toUnixTimestamp(window_to)
            FROM \(table("meta_job_runs")) FINAL WHERE \(condition) ORDER BY version
            """)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 4, let from = TimeInterval(fields[2]), let to = TimeInterval(fields[3]) else { return nil }
            return SliceRecord(runID: fields[0], status: fields[1], from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to))
        }
    }

    /// A backfill through the entry point, in process (`--since-hours` or `--from/--to`).
    func backfill(sinceHours: Int = 24, dates: BackfillDates? = nil, now: Date) async throws -> RunReport {
        var logger = Logger(label: "backfill-test")
        logger.logLevel = .warning
        let options = Ingestion.Options(sinceHours: sinceHours, dryRun: false, now: now, toolVersion: "test", dates: dates)
        return await Ingestion.run(configuration: try configuration, options: options, logger: logger)
    }
}
