import Foundation
import Logging

/// Runs the organisers of a deployment in one process: each through ``Ingestion/run`` (the
/// one unit of work, with its own clients, rate limiter, lock, database and Prometheus file),
/// at most `concurrency` at a time, and never one's failure stopping another.
///
/// Bounded, because each run holds its own API connections and ClickHouse batches: twenty
/// organisers at once would multiply the memory and the load on ClickHouse by twenty. The
/// process's exit code is ``IngestExitCode/worst(_:)`` of the outcomes.
public enum OrganiserRuns {
    /// Every organiser's outcome, in the order given. Cancelling the calling task (a signal)
    /// interrupts the runs under way and starts no other: those are reported interrupted.
    public static func run(
        _ organisers: [DeployedOrganiser], options: Ingestion.Options, concurrency: Int, logger: Logger
    ) async -> [OrganiserOutcome] {
        var reports = [RunReport?](repeating: nil, count: organisers.count)
        await withTaskGroup(of: (Int, RunReport).self) { group in
            var next = 0
            func startNext() {
                guard next < organisers.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await run(organisers[index], options: options, logger: logger)) }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            for await (index, report) in group {
                reports[index] = report
                startNext()
            }
        }
        return zip(organisers, reports).map { OrganiserOutcome(organiser: $0, report: $1 ?? notStarted()) }
    }

    /// One organiser's run with its own run id, its organiser on every log line, and its own
    /// start: one queued behind the concurrency bound starts later than the process did, and
    /// its `started_at`, window and re-check are about when it actually ran.
    static func run(_ organiser: DeployedOrganiser, options: Ingestion.Options, logger: Logger) async -> RunReport {
        guard !Task.isCancelled else { return notStarted() }
        var own = options
        own.runID = UUID().uuidString.lowercased()
        own.now = options.wallClock()
        return await Ingestion.run(configuration: organiser.configuration, options: own, logger: organiser.logger(from: logger))
    }

    /// The report of an organiser whose run a signal prevented from starting (nothing written).
    static func notStarted() -> RunReport {
        RunReport(
            runID: "", failure: .interrupted, message: "interrupted: the run was not started (SIGINT/SIGTERM)",
            metrics: MetricsSnapshot(
                requests: [:], requestSeconds: [:], retries: [:], skipped: [], skippedTotal: 0, tables: [:], counters: [:], phases: [:],
                elapsedSeconds: 0),
            rowsByTable: [:], preview: [])
    }

    /// One line per organiser, then the process's verdict: what an operator reads first after
    /// a deployment's run, whatever was logged in between.
    public static func logSummary(_ outcomes: [OrganiserOutcome], logger: Logger) -> IngestExitCode {
        for outcome in outcomes {
            logger.log(level: outcome.report.status == .ok ? .info : .error, "Organiser run summary", metadata: outcome.summaryFields)
        }
        let worst = IngestExitCode.worst(outcomes.map(\.exitCode))
        let failed = outcomes.filter { $0.report.status != .ok }.map(\.organiser.name)
        var fields: Logger.Metadata = ["organisers": "\(outcomes.count)", "failed": "\(failed.count)", "exit_code": "\(worst.rawValue)"]
        if !failed.isEmpty { fields["failed_organisers"] = "\(failed.joined(separator: ","))" }
        logger.log(level: failed.isEmpty ? .info : .error, "All organisers finished", metadata: fields)
        return worst
    }
}
