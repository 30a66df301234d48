import ClickHouseHTTP
import ClientSupport
import Foundation
import QTicketsAPI

/// The metrics actor: one per run, fed by the API client (as its ``QTicketsObserver``), the
/// batching inserters (their batch reports) and the run itself (phases, row counts).
///
/// Everything the operator sees about a run — the summary line, `meta_job_runs.metrics`, the
/// optional Prometheus textfile — is a ``MetricsSnapshot`` of this actor, so they cannot disagree.
public actor RunMetrics: QTicketsObserver {
    private var requests: [String: [String: Int]] = [:]
    private var requestSeconds: [String: Double] = [:]
    private var retries: [String: Int] = [:]
    /// The first ``skippedKept`` skipped records, and how many there were in all: a run over an
    /// API that sends garbage for every order must not grow without bound.
    private var skipped: [MetricsSnapshot.SkippedRecord] = []
    private var skippedTotal = 0
    public static let skippedKept = 50
    private var tables: [String: MetricsSnapshot.TableStats] = [:]
    private var counters: [String: Int] = [:]
    private var phases: [String: Double] = [:]
    /// Phases under way, in the order they started (sales and inventory overlap).
    private var activePhases: [String] = []
    /// The slice of a sliced backfill being loaded, for the progress line; `nil` otherwise.
    private var slice: String?
    private let started = ContinuousClock.now

    public init() {}

    // MARK: QTicketsObserver

    public func requestCompleted(endpoint: String, status: Int?, attempt: Int, duration: Duration) {
        let name = Self.normalised(endpoint)
        requests[name, default: [:]][status.map(String.init) ?? "network_error", default: 0] += 1
        requestSeconds[name, default: 0] += duration.inSeconds
    }

    public func retryScheduled(endpoint: String, status: Int?, attempt: Int, wait: Duration) {
        retries[Self.normalised(endpoint), default: 0] += 1
    }

    public func recordSkipped(endpoint: String, id: Int?, reason: String) {
        skippedTotal += 1
        guard skipped.count < Self.skippedKept else { return }
        skipped.append(.init(endpoint: Self.normalised(endpoint), id: id, reason: reason))
    }

    /// How many records were skipped so far: a mark for ``skipped(since:)``.
    public func skippedMark() -> Int { skippedTotal }

    /// The records skipped since `mark`: how many, and those of them still kept (the first
    /// ``skippedKept`` of the whole run). A backfill slice's own, between its start and the end
    /// of its load, while no other slice fetches (``SliceHandoff``).
    public func skipped(since mark: Int) -> (total: Int, kept: [MetricsSnapshot.SkippedRecord]) {
        (skippedTotal - mark, mark < skipped.count ? Array(skipped[mark...]) : [])
    }

    /// Bytes of API answers on the wire and after inflating: the summary's `api_bytes_wire`
    /// and `api_bytes_body` (requests are counted by `requestCompleted`).
    public func responseReceived(endpoint: String, wireBytes: Int, bodyBytes: Int) {
        counters["api_bytes_wire", default: 0] += wireBytes
        counters["api_bytes_body", default: 0] += bodyBytes
    }

    // MARK: The writer and the run

    public func batchWritten(_ report: BatchReport) {
        var stats = tables[report.table] ?? .init()
        if report.error == nil {
            stats.rows += report.rows
            stats.batches += 1
            stats.rawBytes += report.rawBytes
            stats.compressedBytes += report.compressedBytes
        } else {
            stats.failedBatches += 1
        }
        stats.retries += max(0, report.attempts - 1)
        stats.seconds += report.duration.inSeconds
        tables[report.table] = stats
    }

    /// Rows written by one statement rather than the batching inserters (the inventory swap).
    public func rowsWritten(_ rows: Int, table: String) { tables[table, default: .init()].rows += rows }

    public func add(_ counter: String, _ value: Int = 1) { counters[counter, default: 0] += value }

    public func recordPhase(_ name: String, seconds: Double) { phases[name, default: 0] += seconds }

    /// Marks phase `name` as under way (``measure(_:_:)`` does this), for the progress line.
    public func beginPhase(_ name: String) { activePhases.append(name) }

    /// Marks phase `name` as over; `seconds` (when it finished rather than failed) is added to
    /// its time.
    public func endPhase(_ name: String, seconds: Double?) {
        if let index = activePhases.firstIndex(of: name) { activePhases.remove(at: index) }
        if let seconds { recordPhase(name, seconds: seconds) }
    }

    /// The slice being loaded (a sliced backfill names each one, e.g. `2025-03-01..2025-04-01`),
    /// or `nil` when the run is not sliced.
    public func setSlice(_ name: String?) { slice = name }

    public func snapshot() -> MetricsSnapshot {
        MetricsSnapshot(
            requests: requests,
            requestSeconds: requestSeconds,
            retries: retries,
            skipped: skipped,
            skippedTotal: skippedTotal,
            tables: tables,
            counters: counters,
            phases: phases,
            elapsedSeconds: (ContinuousClock.now - started).inSeconds,
            activePhases: activePhases,
            slice: slice
        )
    }

    /// `shows/123/seats` → `shows/{id}/seats`: metrics by endpoint, not by object.
    static func normalised(_ endpoint: String) -> String {
        endpoint.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.allSatisfy(\.isNumber) && !$0.isEmpty ? "{id}" : String($0) }
            .joined(separator: "/")
    }
}
