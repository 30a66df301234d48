import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// One time zone per warehouse: another `TZ` refuses with exit 78 before anything is written
/// (or even fetched), naming `TZ`, where it came from and both zones; a warehouse built before
/// zones were recorded adopts the run's zone, once, and says so.
@Suite(.serialized) struct TimeZoneTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 29, events: 8, maxShowsPerEvent: 3, orders: 1_500, maxTicketsPerOrder: 3, historyHours: 24 * 30)

    @Test func aRunWithAnotherTZExits78AndChangesNothing() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: 24 * 31, now: Self.generatedAt.addingTimeInterval(60)).status == .ok)
            #expect(try await harness.scalar("SELECT value FROM \(harness.table("meta_ingest_settings")) FINAL WHERE key = 'time_zone'") == "Europe/Moscow")
            let before = try await harness.everyTableFingerprint()
            await harness.fake.resetStats()

            // From the environment (which wins over the files)…
            let fromEnvironment = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "24"], environment: ["TZ": "UTC"])
            #expect(fromEnvironment.status == IngestExitCode.configuration.rawValue, "\(fromEnvironment.stderr)")
            #expect(fromEnvironment.stderr.contains("TZ=UTC (from environment) differs from the time zone of warehouse \(harness.database), Europe/Moscow"))
            #expect(fromEnvironment.stderr.contains("run with TZ=Europe/Moscow"))

            // …or from a file, named by path and line.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tz-\(UUID().uuidString).env").path
            try "# another zone\nTZ=Asia/Yekaterinburg\n".write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let fromFile = try await CommandRunner.run(harness.envFileArguments + ["--envfile", file, "--since-hours", "24"])
            #expect(fromFile.status == IngestExitCode.configuration.rawValue, "\(fromFile.stderr)")
            #expect(fromFile.stderr.contains("TZ=Asia/Yekaterinburg (from \(file):2)"))

            // Nothing was written anywhere (not a lock claim, not a run row), nothing fetched.
            #expect(try await harness.everyTableFingerprint() == before)
            #expect(await harness.fake.stats().totalRequests == 0)
        }
    }

    /// A warehouse of the previous version: no recorded zone, no ticket-day index. The first run
    /// adopts its zone (saying so), fills the index from the ticket table, and its recompute
    /// through the index is exact; the next run says nothing about the zone.
    @Test func aWarehouseBuiltBeforeZonesWereRecordedAdoptsTheZoneOnce() async throws {
        // The command runs on the real clock: the organiser lives just before it.
        let generatedAt = Date().addingTimeInterval(-2 * 3_600)
        var organiser = Organiser.generate(Self.spec, now: generatedAt)
        try await IngestHarness.with(organiser) { harness in
            #expect(try await harness.run(sinceHours: 24 * 31, now: generatedAt.addingTimeInterval(60)).status == .ok)
            for table in ["meta_ingest_settings", "fact_qtickets_ticket_days", "meta_ingest_lock"] {
                try await harness.clickHouse.execute("DROP TABLE \(harness.table(table))")
            }
            organiser.mutate(seed: 8, newOrders: 40, refunds: 40, cancellations: 20, now: Date().addingTimeInterval(-60))
            await harness.fake.replaceOrganiser(organiser)

            let first = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "1"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stderr.contains("The warehouse recorded no time zone; adopting this run's"))
            #expect(first.stderr.contains("Filling the ticket-day index"))
            #expect(try await harness.scalar("SELECT value FROM \(harness.table("meta_ingest_settings")) FINAL WHERE key = 'time_zone'") == "Europe/Moscow")
            try await expectEqualToTruth(harness, organiser.groundTruth())

            let second = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "1"])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(!second.stderr.contains("adopting"))
            #expect(!second.stderr.contains("Filling the ticket-day index"))
        }
    }
}
