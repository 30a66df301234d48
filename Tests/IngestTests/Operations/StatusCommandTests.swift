import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// `qtickets-ingest status` against the real ClickHouse after real runs: the verdict, its exit
/// code, the runs, the coverage, the last error.
@Suite(.serialized) struct StatusCommandTests {
    static let spec = OrganiserSpec(seed: 23, events: 4, maxShowsPerEvent: 2, orders: 300, maxTicketsPerOrder: 2, historyHours: 24 * 3)

    @Test func staleBeforeAnyRunHealthyAfterOneFailingAfterAnErrorAndStaleWhenOld() async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date())) { harness in
            let files = ["status", "--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile]
            let empty = try await CommandRunner.run(files)
            #expect(empty.status == StatusHealth.stale.rawValue, "\(empty.all)")
            #expect(empty.stdout.contains("STALE (exit 2): no successful run recorded"))
            #expect(empty.stdout.contains("no runs recorded in meta_job_runs"))

            let ok = try await harness.run(sinceHours: 24 * 4, now: Date())
            #expect(ok.status == .ok)
            let healthy = try await CommandRunner.run(files)
            #expect(healthy.status == 0, "\(healthy.all)")
            #expect(healthy.stdout.contains("HEALTHY (exit 0): last success"))
            #expect(healthy.stdout.contains("complete:   every order changed from"))
            #expect(healthy.stdout.contains("last error: none recorded"))
            #expect(healthy.stdout.contains(String(ok.runID.prefix(8))) && healthy.stdout.contains("  ok  "))

            let failed = try await CommandRunner.run(
                ["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile, "--since-hours", "1"],
                environment: ["QTICKETS_API_BASE_URL": "http://127.0.0.1:9/api/rest/v1", "QTICKETS_API_MAX_ATTEMPTS": "1"])
            #expect(failed.status == IngestExitCode.runFailed.rawValue)
            let failing = try await CommandRunner.run(files + ["--runs", "5"])
            #expect(failing.status == StatusHealth.failing.rawValue, "\(failing.all)")
            #expect(failing.stdout.contains("FAILING (exit 1): the newest finished run failed"))
            let message = try await harness.scalar("SELECT message FROM \(harness.table("meta_job_runs")) FINAL WHERE status = 'error'")
            #expect(failing.stdout.contains("last error: ") && failing.stdout.contains(String(message.prefix(40))))
            #expect(failing.stdout.split(separator: "\n").filter { $0.contains("  error  ") || $0.contains("  ok  ") }.count == 2)

            // Two hours later without another success: stale (the limit is 60 minutes).
            let later = await StatusCheck.run(configuration: try harness.configuration, now: Date().addingTimeInterval(2 * 3_600), logger: .init(label: "test"))
            #expect(later.health == .stale)
            #expect(later.text.contains("longer than INGEST_STALE_AFTER_MINUTES (1h00m)"))
        }
    }

    @Test func anUnreachableWarehouseIsUnknown() async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date())) { harness in
            let output = try await CommandRunner.run(
                ["status", "--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile],
                environment: ["CLICKHOUSE_HOST": "http://127.0.0.1:9", "CLICKHOUSE_MAX_ATTEMPTS": "1"])
            #expect(output.status == StatusHealth.unknown.rawValue, "\(output.all)")
            #expect(output.stdout.contains("UNKNOWN: cannot read meta_job_runs"))
        }
    }
}
