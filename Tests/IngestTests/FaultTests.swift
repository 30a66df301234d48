import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Whatever the network does, a run ends equal to the truth or fails with a recorded error:
/// never a silent partial success.
@Suite(.serialized) struct FaultTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 21, events: 8, maxShowsPerEvent: 3, orders: 1_200, maxTicketsPerOrder: 3, historyHours: 24 * 20)

    /// A backfill of the whole history against a fake that misbehaves as `faults` say.
    func backfill(
        _ faults: FaultPlan, settings: [String: String] = [:], _ check: (IngestHarness, RunReport, GroundTruth) async throws -> Void
    ) async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser, faults: faults, settings: settings) { harness in
            let report = try await harness.run(sinceHours: 24 * 21, now: Self.generatedAt.addingTimeInterval(60))
            try await check(harness, report, organiser.groundTruth())
        }
    }

    @Test func stormsOf429And503AndDroppedConnectionsStillEndEqualToTheTruth() async throws {
        let faults = FaultPlan(
            status429EveryN: 7, retryAfterSeconds: 1, status503EveryN: 5, dropConnectionEveryN: 11
        )
        try await backfill(faults, settings: ["QTICKETS_API_MAX_ATTEMPTS": "10", "QTICKETS_API_TIMEOUT_SECONDS": "5"]) { harness, report, truth in
            #expect(report.status == .ok, "\(report.message)")
            #expect(report.metrics.totalRetries > 10, "the storm should have been felt")
            let stats = await harness.fake.stats()
            #expect(stats.injected429 > 0 && stats.injected503 > 0 && stats.droppedConnections > 0)
            try await expectEqualToTruth(harness, truth)
        }
    }

    @Test func aServerSideLimitIsNeverExceededWhenConfiguredUnderIt() async throws {
        try await backfill(FaultPlan(serverRateLimit: 40), settings: ["QTICKETS_API_RPS": "36", "QTICKETS_API_BURST": "1"]) { harness, report, truth in
            #expect(report.status == .ok, "\(report.message)")
            #expect(await harness.fake.stats().rejectedByRateLimit == 0)
            try await expectEqualToTruth(harness, truth)
        }
    }

    @Test(arguments: FaultPlan.MalformedMode.allCases)
    func aMalformedPageFailsTheRunWithARecordedError(mode: FaultPlan.MalformedMode) async throws {
        // Orders are read by keyset (every request asks page 1): every answer is served broken.
        try await backfill(FaultPlan(malformedOrdersPage: 1, malformedMode: mode)) { harness, report, _ in
            #expect(report.status == .error)
            #expect(!report.message.isEmpty)
            let recorded = try await harness.scalar("SELECT status, message FROM \(harness.table("meta_job_runs")) FINAL WHERE run_id = '\(report.runID)'")
            #expect(recorded.hasPrefix("error\t"))
        }
    }

    @Test func aTransientMalformedPageIsRetriedOrReported() async throws {
        // Served broken once: the run either recovers it (equal to the truth) or says it failed.
        try await backfill(FaultPlan(malformedOrdersPage: 1, malformedMode: .truncated, malformedTimes: 1)) { harness, report, truth in
            if report.status == .ok {
                try await expectEqualToTruth(harness, truth)
            } else {
                #expect(!report.message.isEmpty)
            }
        }
    }
}
