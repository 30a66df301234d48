import ClickHouseHTTP
import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// No staging table outlives its run (issue 9.4): a run cancelled in the middle of the daily
/// recompute drops its stage on the way out, and a stage that a dead run left behind is dropped
/// by the next run, which then equals the truth. A live run's stage (another organiser sharing
/// the database, its claim of the run lock live) is kept.
@Suite(.serialized) struct StagingCleanupTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 41, events: 3, maxShowsPerEvent: 2, orders: 60, maxTicketsPerOrder: 2, historyHours: 24 * 5)
    static let backfillHours = 24 * 6

    @Test func aRunCancelledInTheRecomputeLeavesNoStagingTable() async throws {
        let environment = try ClickHouseTestEnvironment.load()
        let proxy = try await ClickHouseFaultProxy.start(upstream: environment.url)
        try await withCleanup {
            // The recompute's aggregate (its only GROUP BY) answers a minute late: the run is
            // cancelled while it waits, its stage created.
            proxy.setRules([ProxyRule(.statementContaining("GROUP BY"), .delay(.seconds(60)), times: 100)])
            let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
            try await IngestHarness.with(organiser, settings: ["CLICKHOUSE_HOST": proxy.url]) { harness in
                let run = Task { try await harness.run(sinceHours: Self.backfillHours, now: Self.generatedAt.addingTimeInterval(60)) }
                var staged = false
                for _ in 0..<300 where !staged {
                    staged = try await stages(harness).contains { $0.hasPrefix("fact_qtickets_sales_daily_stage_") }
                    if !staged { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(staged, "the run should reach the recompute")
                try await Task.sleep(for: .milliseconds(500))
                run.cancel()
                let report = try await run.value
                #expect(report.failure == .interrupted, "\(report.message)")
                #expect(try await stages(harness) == [])
                #expect(try await harness.scalar("SELECT status FROM \(harness.table("meta_job_runs")) FINAL") == "error")
            }
        } cleanup: {
            await proxy.shutdown()
        }
    }

    @Test func theNextRunDropsStagesOfDeadRunsAndKeepsALiveRunsStage() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: Self.backfillHours, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            // A dead run's stages (one with a row), and a live run of another organiser: its own
            // stage and one of its backfill's slice 2 (run id `live-run-1-2`, tag `liverun12`).
            let daily = harness.table("fact_qtickets_sales_daily")
            let inventory = harness.table("fact_qtickets_inventory_latest")
            for (name, like) in [("fact_qtickets_sales_daily_stage_deadrun1", daily), ("fact_qtickets_inventory_latest_stage_deadrun1", inventory),
                                 ("fact_qtickets_sales_daily_stage_liverun1", daily), ("fact_qtickets_sales_daily_stage_liverun12", daily)] {
                try await harness.clickHouse.execute("CREATE TABLE \(harness.table(name)) AS \(like)")
            }
            try await harness.clickHouse.execute("INSERT INTO \(harness.table("fact_qtickets_sales_daily_stage_deadrun1")) SELECT * FROM \(daily) LIMIT 1")
            let lock = harness.table("meta_ingest_lock")
            try await harness.clickHouse.execute("""
                INSERT INTO \(lock) SELECT '\(harness.database)/another-organiser', 'live-run-1', 'h', 'm', 1, now(), now(), 0, 1
                """)

            let later = Self.generatedAt.addingTimeInterval(3 * 3_600)
            organiser.mutate(seed: 42, newOrders: 8, refunds: 8, cancellations: 4, now: later)
            await harness.fake.replaceOrganiser(organiser)
            let report = try await harness.run(sinceHours: 1, now: later.addingTimeInterval(60))
            #expect(report.status == .ok, "\(report.message)")
            #expect(try await stages(harness) == ["fact_qtickets_sales_daily_stage_liverun1", "fact_qtickets_sales_daily_stage_liverun12"])
            try await expectEqualToTruth(harness, organiser.groundTruth())
        }
    }

    private func stages(_ harness: IngestHarness) async throws -> [String] {
        try await harness.clickHouse.queryRows("""
            SELECT name FROM system.tables WHERE database = \(SQLQuoting.stringLiteral(harness.database)) AND position(name, '_stage_') > 0
            ORDER BY name
            """).compactMap { $0["name"] }
    }
}
