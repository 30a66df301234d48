import Foundation
import Synchronization
@testable import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Shutdown is bounded (issue 9.5), with the real binary: after SIGTERM it exits within
/// `INGEST_SHUTDOWN_GRACE_SECONDS` even when ClickHouse hangs; the run is recorded `error`, or,
/// when that final write cannot be made, the exit code (74) and a log line say so.
@Suite(.serialized) struct ShutdownTests {
    static let spec = OrganiserSpec(seed: 5, events: 6, maxShowsPerEvent: 2, orders: 3_000, maxTicketsPerOrder: 3, historyHours: 24 * 10)
    static let grace = 10
    /// What the process may take beyond the grace: starting, logging, the OS reaping it.
    static let margin: Duration = .seconds(5)

    /// `held`: how long the fact tables' batches hang before SIGTERM. After 5 s ten and more
    /// batches are held, more than a pool's connections: on one pool for everything, the final
    /// record queued behind them and the run exited 74 still `running` (it did so every time).
    @Test(arguments: [2, 5])
    func sigtermWhileClickHouseHangsExitsWithinTheGraceAndRecordsError(held: Int) async throws {
        let output = try await signalledRun(hanging: "fact_qtickets", holdFor: .seconds(held))
        #expect(output.status == IngestExitCode.interrupted.rawValue, "\(output.stderr.suffix(4_000))")
        #expect(output.elapsed < .seconds(Self.grace) + Self.margin, "stopped \(output.elapsed) after SIGTERM")
        #expect(output.recorded == "error")
    }

    /// An answer that never comes (the write may have landed: the exit code cannot know), and a
    /// server that cannot be reached at all (the row still says `running`).
    @Test(arguments: [ProxyFault.delay(.seconds(600)), .dropBeforeForwarding])
    func sigtermWhenTheFinalWriteCannotReachClickHouseExits74NamingIt(fault: ProxyFault) async throws {
        let output = try await signalledRun(hanging: "meta_job_runs", fault: fault)
        #expect(output.status == IngestExitCode.notRecorded.rawValue, "\(output.stderr.suffix(2_000))")
        #expect(output.stderr.contains("Could not record the run in meta_job_runs"))
        #expect(output.elapsed < .seconds(Self.grace) + Self.margin, "stopped \(output.elapsed) after SIGTERM")
        if fault == .dropBeforeForwarding { #expect(output.recorded == "running", "the row the run could not replace") }
    }

    @Test func aFinalWriteThatFailsIsNeverExitZero() async {
        let report = RunReport(
            runID: "r", failure: nil, message: "", metrics: await RunMetrics().snapshot(), rowsByTable: [:], preview: [], recordFailure: "refused")
        #expect(IngestExitCode(report) == .notRecorded)
        #expect(report.status == .error)
        // With --organisers too: it outranks a signal.
        #expect(IngestExitCode.worst([.interrupted, .notRecorded, .runFailed]) == .notRecorded)
    }

    struct Output {
        var status: Int32
        var stderr: String
        /// From SIGTERM to the process's exit.
        var elapsed: Duration
        /// The run's status in `meta_job_runs`.
        var recorded: String
    }

    /// Runs the command through a fault proxy; once its `running` row exists, every statement
    /// containing `hanging` meets `fault` (by default its answer comes ten minutes late), and
    /// `holdFor` later the process gets SIGTERM.
    private func signalledRun(
        hanging: String, fault: ProxyFault = .delay(.seconds(600)), holdFor: Duration = .seconds(2)
    ) async throws -> Output {
        let environment = try ClickHouseTestEnvironment.load()
        let proxy = try await ClickHouseFaultProxy.start(upstream: environment.url)
        return try await withCleanup {
            try await IngestHarness.with(
                Organiser.generate(Self.spec, now: Date()), faults: FaultPlan(latencyMilliseconds: 150),
                settings: [
                    "QTICKETS_API_RPS": "6", "QTICKETS_API_CONCURRENCY": "2", "CLICKHOUSE_BATCH_ROWS": "200",
                    "CLICKHOUSE_HOST": proxy.url, "INGEST_SHUTDOWN_GRACE_SECONDS": String(Self.grace),
                ]
            ) { harness in
                let signalled = SignalTime()
                let output = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "300"]) { pid in
                    try await LockScenario.waitUntilRunning(harness)
                    proxy.setRules([ProxyRule(.statementContaining(hanging), fault, times: 10_000)])
                    // Long enough for batches to be cut and held (200 rows, or 200 ms).
                    try await Task.sleep(for: holdFor)
                    signalled.mark()
                    kill(pid, SIGTERM)
                }
                let elapsed = signalled.elapsed
                let recorded = try await harness.scalar("SELECT status FROM \(harness.table("meta_job_runs")) FINAL")
                return Output(status: output.status, stderr: output.stderr, elapsed: elapsed, recorded: recorded)
            }
        } cleanup: {
            await proxy.shutdown()
        }
    }
}

/// When the test sent SIGTERM.
private final class SignalTime: Sendable {
    private let sent = Mutex<ContinuousClock.Instant?>(nil)
    func mark() { sent.withLock { $0 = .now } }
    var elapsed: Duration { sent.withLock { $0.map { .now - $0 } } ?? .zero }
}
