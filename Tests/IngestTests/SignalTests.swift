import Foundation
import Ingest
import Synchronization
import QTicketsFake
import TestSupport
import Testing

/// SIGTERM/SIGINT mid-run: fetching stops, every batch already accepted is in ClickHouse and
/// counted, the run is recorded as failed, and the process exits non-zero.
@Suite(.serialized) struct SignalTests {
    static let spec = OrganiserSpec(seed: 5, events: 6, maxShowsPerEvent: 2, orders: 3_000, maxTicketsPerOrder: 3, historyHours: 24 * 10)

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheRunAndRecordsItAsFailed(signal: Int32) async throws {
        // Slow pages and a low request rate keep the run busy for much longer than the test waits.
        try await IngestHarness.with(
            // Pages of 25 orders: the run lasts ~30 s, so that a test starved for many seconds by
            // the whole suite starting beside it (2 cores) still signals it mid-run.
            Organiser.generate(Self.spec, now: Date()), faults: FaultPlan(latencyMilliseconds: 150), options: FakeServerOptions(maxPerPage: 25),
            settings: ["QTICKETS_API_RPS": "6", "QTICKETS_API_CONCURRENCY": "2", "CLICKHOUSE_BATCH_ROWS": "200"]
        ) { harness in
            let signalled = SignalledAt()
            let output = try await CommandRunner.run(
                ["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile, "--since-hours", "300"],
                whileRunning: { pid in
                    // Signal once the run is under way (its `running` row exists), then a little later.
                    let runs = harness.table("meta_job_runs")
                    for _ in 0..<200 {
                        let started = try? await harness.scalar("SELECT count() FROM \(runs) WHERE status = 'running'")
                        if started == "1" { break }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    try await Task.sleep(for: .seconds(2))
                    kill(pid, signal)
                    signalled.now()
                }
            )
            #expect(signalled.elapsed < .seconds(20), "the run should stop promptly after the signal")
            #expect(output.status == IngestExitCode.interrupted.rawValue, "\(output.stderr.suffix(2_000))")
            #expect(output.stderr.contains("Signal received"))
            let recorded = try await harness.scalar("SELECT status, positionCaseInsensitive(message, 'interrupted') > 0 FROM \(harness.table("meta_job_runs")) FINAL")
            #expect(recorded == "error\t1")
            // Every ticket row the summary counts as written is in ClickHouse: nothing acknowledged was lost.
            let summary = output.stderr.split(separator: "\n").last { $0.contains("QTickets API ingestion run finished") } ?? ""
            let reported = summary.split(separator: " ").first { $0.hasPrefix("rows_fact_qtickets_tickets=") }?.split(separator: "=").last.map(String.init) ?? "0"
            let stored = try await harness.scalar("SELECT count() FROM \(harness.table("fact_qtickets_tickets")) FINAL")
            #expect(stored == reported, "summary: \(summary)")
            #expect(Int(stored) ?? 0 > 0, "two seconds in, some batches should have been written")
        }
    }
}

/// When the test sent the signal (set from the runner's closure, read after it).
private final class SignalledAt: Sendable {
    private let instant = Mutex<ContinuousClock.Instant?>(nil)
    func now() { instant.withLock { $0 = .now } }
    var elapsed: Duration { instant.withLock { $0.map { .now - $0 } } ?? .zero }
}
