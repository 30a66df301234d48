import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import Ingest

/// The real binary, killed with SIGKILL half way through a backfill, then the same command
/// again: the loaded slices are usable meanwhile, the rerun says which it skips, fetches none of
/// their orders again, and ends equal to the truth.
@Suite(.serialized) struct BackfillResumeTests {
    static let spec = OrganiserSpec(seed: 43, events: 8, maxShowsPerEvent: 3, orders: 1_200, maxTicketsPerOrder: 3, historyHours: 24 * 27)
    static let calendar = SalesCalendar(timeZone: TimeZone(identifier: "Europe/Moscow") ?? .current)
    /// Slow enough (seconds per slice) that a test starved by the suites running beside it
    /// still sees the backfill half way.
    static let settings = [
        "INGEST_SLICE_DAYS": "3", "QTICKETS_API_RPS": "4", "QTICKETS_API_CONCURRENCY": "2", "INGEST_PROGRESS_SECONDS": "1",
    ]
    static let slowPages = FaultPlan(latencyMilliseconds: 60)
    /// The rerun at full speed (the environment wins over the env files).
    static let fast = ["QTICKETS_API_RPS": "200"]

    @Test func aBackfillKilledWithSIGKILLGoesOnFromWhereItStoppedWhenRunAgain() async throws {
        // Generated three hours ago: nothing changed since, so a rerun's open slice finds nothing new.
        let generatedAt = Date().addingTimeInterval(-3 * 3_600)
        let organiser = Organiser.generate(Self.spec, now: generatedAt)
        let from = SalesCalendar.isoDate(Self.calendar.day(of: generatedAt.addingTimeInterval(-28 * 86_400)))
        let to = SalesCalendar.isoDate(Self.calendar.day(of: Date()))
        try await IngestHarness.with(organiser, faults: Self.slowPages, settings: Self.settings) { harness in
            let arguments = harness.envFileArguments + ["--from", from, "--to", to]
            let killed = try await CommandRunner.run(arguments, whileRunning: { pid in
                for _ in 0..<1_200 {
                    if let ok = try? await harness.scalar("SELECT count() FROM \(harness.table("meta_job_runs")) FINAL WHERE status = 'ok'"),
                       let count = Int(ok), count >= 2 { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                kill(pid, SIGKILL)
            })
            #expect(killed.status != 0)
            let range = try BackfillDates(from: from, to: to).range(in: Self.calendar)
            let plan = BackfillPlan(from: range.lowerBound, to: range.upperBound, now: Date(), sliceDays: 3, calendar: Self.calendar)
            let loaded = try await harness.successfulRecords()
            try #require(loaded.count >= 2 && loaded.count < plan.slices.count, "killed half way: \(loaded.count) of \(plan.slices.count) slices")

            // Usable meanwhile: from the oldest loaded slice on, every day equals the truth.
            let truth = organiser.groundTruth()
            let since = SalesCalendar.isoDate(Self.calendar.day(of: loaded.map(\.from).min() ?? .distantFuture))
            let sales = try await harness.sales()
            #expect(sales.filter { $0.key.date >= since } == truth.sales.filter { $0.key.date >= since }, "days since \(since)")

            let covered = plan.slices.filter { !$0.isOpen && CoverageTracker.covers($0.window, previous: loaded.map(\.window)) }
            let missing = plan.slices.filter { !$0.isOpen && !covered.contains($0) }
            let expectedOrders = organiser.orders.filter { order in
                let updated = Date(timeIntervalSince1970: TimeInterval(order.updatedAt))
                return missing.contains { $0.from <= updated && updated < $0.to }
            }.count

            await harness.fake.setFaults(.none)
            let rerun = try await CommandRunner.run(arguments, environment: Self.fast)
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(2_000))")
            let skipped = rerun.stderr.split(separator: "\n").filter { $0.contains("already loaded, skipped") }
            #expect(skipped.count == covered.count, "\(skipped)")
            for slice in covered {
                #expect(rerun.stderr.contains("Slice \(slice.name(in: Self.calendar)) already loaded, skipped"))
            }
            // The orders streamed by updated_at are exactly those of the slices not loaded before.
            let summary = rerun.stderr.split(separator: "\n").last { $0.contains("QTickets API ingestion run finished") } ?? ""
            let orders = summary.split(separator: " ").first { $0.hasPrefix("orders=") }.flatMap { Int($0.dropFirst("orders=".count)) }
            #expect(orders == expectedOrders, "summary: \(summary)")
            try await expectEqualToTruth(harness, truth)
        }
    }

    /// The whole backfill is one lock holder: a timer run between two of its slices exits 75
    /// naming it, and the backfill goes on to the end.
    @Test func aTimerRunDuringABackfillExits75NamingTheBackfill() async throws {
        let generatedAt = Date().addingTimeInterval(-3 * 3_600)
        let organiser = Organiser.generate(Self.spec, now: generatedAt)
        try await IngestHarness.with(organiser, faults: Self.slowPages, settings: Self.settings) { harness in
            let backfill = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "\(24 * 28)"], whileRunning: { pid in
                for _ in 0..<1_200 {
                    if let ok = try? await harness.scalar("SELECT count() FROM \(harness.table("meta_job_runs")) FINAL WHERE status = 'ok'"),
                       ok != "0" { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                let timer = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "1"])
                #expect(timer.status == IngestExitCode.lockBusy.rawValue, "\(timer.stderr)")
                #expect(timer.stderr.contains("pid \(pid)"), "\(timer.stderr)")
            })
            #expect(backfill.status == 0, "\(backfill.stderr.suffix(2_000))")
            try await expectEqualToTruth(harness, organiser.groundTruth())
        }
    }

    @Test func aBackfillOfFutureDatesIsAUsageErrorAndSendsNothing() async throws {
        let tiny = OrganiserSpec(seed: 3, events: 2, maxShowsPerEvent: 1, orders: 20, maxTicketsPerOrder: 1, historyHours: 24)
        try await IngestHarness.with(Organiser.generate(tiny, now: Date())) { harness in
            let output = try await CommandRunner.run(harness.envFileArguments + ["--from", "2099-01-01", "--to", "2099-01-31"])
            #expect(output.status == 64)
            #expect(output.stderr.contains("--from 2099-01-01 is in the future (in Europe/Moscow)"), "\(output.stderr)")
            #expect(await harness.fake.stats().totalRequests == 0)
        }
    }

    @Test(arguments: [
        (["--from", "2025-02-30", "--to", "2025-03-01"], "--from '2025-02-30' is not a date: expected YYYY-MM-DD"),
        (["--from", "2025-01-01", "--to", "31.12.2025"], "--to '31.12.2025' is not a date"),
        (["--from", "2025-03-02", "--to", "2025-03-01"], "--from 2025-03-02 is after --to 2025-03-01"),
        (["--from", "2025-01-01"], "--from and --to go together"),
        (["--from", "2025-01-01", "--to", "2025-01-31", "--since-hours", "24"], "--since-hours and --from/--to both choose the window"),
    ])
    func badBackfillDatesAreAClearUsageError(arguments: [String], message: String) async throws {
        let output = try await CommandRunner.run(arguments)
        #expect(output.status == 64, "usage (EX_USAGE)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }
}
