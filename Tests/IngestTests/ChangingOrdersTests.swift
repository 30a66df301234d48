import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Orders change while a run pages through them, and the API's clock is not ours: every change
/// still reaches the warehouse (by the run that sees it, or the next one), and an API that does
/// not do what was asked fails the run instead of being believed.
@Suite(.serialized) struct ChangingOrdersTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 17, events: 10, maxShowsPerEvent: 3, orders: 2_000, maxTicketsPerOrder: 4, historyHours: 24 * 30)
    static let backfillHours = 24 * 31
    static let start = generatedAt.addingTimeInterval(60)

    @Test func aBackfillWhileOrdersChurnBetweenPagesEqualsTheTruth() async throws {
        // After every orders page: scans, refunds, cancellations and new orders, on both sides
        // of the page's last id, stamped by the API's clock.
        let churn = FaultPlan.Churn(everyNthListing: 1, ordersPerRound: 6, seed: 3, maxRounds: 30)
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser, faults: FaultPlan(routes: ["orders"], churn: churn)) { harness in
            let report = try await harness.run(sinceHours: Self.backfillHours, now: Self.start)
            #expect(report.status == .ok, "\(report.message)")
            let stats = await harness.fake.stats()
            #expect(stats.churnRounds == 30)
            #expect(["scan", "refund", "cancellation", "new-order"].allSatisfy { stats.churnedOrders[$0, default: 0] > 0 })
            let truth = await harness.fake.groundTruth()
            #expect(truth != organiser.groundTruth())
            try await expectSalesEqualToTruth(harness, truth)
        }
    }

    /// The same churn through a backfill in overlapping 5-day slices (``SliceHandoff``): a change
    /// made while an older slice pages is after every slice's range, so the next run loads it.
    @Test func aBackfillInOverlappingSlicesWhileOrdersChurnThenTheNextRunEqualsTheTruth() async throws {
        let churn = FaultPlan.Churn(everyNthListing: 1, ordersPerRound: 6, seed: 5, maxRounds: 40)
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser, faults: FaultPlan(routes: ["orders"], churn: churn), settings: ["INGEST_SLICE_DAYS": "5"]) { harness in
            let report = try await harness.run(sinceHours: Self.backfillHours, now: Self.start)
            #expect(report.status == .ok, "\(report.message)")
            #expect(await harness.fake.stats().churnRounds == 40)
            await harness.fake.setFaults(.none)
            let next = try await harness.run(sinceHours: 1, now: Self.start.addingTimeInterval(15 * 60))
            #expect(next.status == .ok, "\(next.message)")
            let truth = await harness.fake.groundTruth()
            #expect(truth != organiser.groundTruth())
            try await expectSalesEqualToTruth(harness, truth)
        }
    }

    @Test func progressCountersAddUpToTheListing() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        // One window, not slices: a sliced backfill also reads old days by payment time, pages
        // the progress does not count (they are not in the listings' announced totals).
        try await IngestHarness.with(organiser, settings: ["INGEST_SLICE_DAYS": "60"]) { harness in
            let report = try await harness.run(sinceHours: Self.backfillHours, now: Self.start)
            #expect(report.status == .ok, "\(report.message)")
            let counters = report.metrics.counters
            let pages = await harness.fake.stats().byRoute["orders"] ?? 0
            #expect(counters["order_pages"] == pages)
            // Every order once, plus those the re-check read again (changed in its last minutes).
            #expect(counters["orders", default: 0] >= organiser.orderCount)
            #expect(counters["orders"] == counters["orders_expected"])
        }
    }

    @Test func withTheAPIClockFourMinutesAheadNewSalesLandWithTheRunThatSawThem() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let options = FakeServerOptions(clockStart: Self.start, clockOffsetSeconds: 240)
        try await IngestHarness.with(organiser, options: options) { harness in
            let clock = TestRunClock(start: Self.start)
            let first = try await harness.run(sinceHours: Self.backfillHours, now: clock.now())
            #expect(first.status == .ok, "\(first.message)")

            // The box office sells, refunds and cancels; the API stamps it 4 minutes ahead of us.
            await harness.fake.mutate(seed: 11, newOrders: 40, refunds: 25, cancellations: 10)
            let second = try await harness.run(sinceHours: 1, now: clock.now())
            #expect(second.status == .ok, "\(second.message)")
            #expect(await harness.fake.now() > clock.now().addingTimeInterval(200), "the changes are stamped ahead of the run's clock")
            try await expectEqualToTruth(harness, await harness.fake.groundTruth())
        }
    }

    @Test func withTheAPIClockFourMinutesBehindNewSalesLandWithTheNextRun() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let options = FakeServerOptions(clockStart: Self.start, clockOffsetSeconds: -240)
        try await IngestHarness.with(organiser, options: options) { harness in
            let clock = TestRunClock(start: Self.start)
            let first = try await harness.run(sinceHours: Self.backfillHours, now: clock.now())
            #expect(first.status == .ok, "\(first.message)")
            let firstWindow = try #require(try await harness.recordedRun(first.runID))

            // Right after the first run; the API stamps it 4 minutes behind us: before the end
            // of the first run's window.
            await harness.fake.mutate(seed: 12, newOrders: 40, refunds: 25, cancellations: 10)
            #expect(await harness.fake.now() < firstWindow.windowTo)

            // The next run, an hour later: its lookback alone starts after those changes.
            let second = try await harness.run(sinceHours: 1, now: clock.now().addingTimeInterval(3_600))
            #expect(second.status == .ok, "\(second.message)")
            try await expectEqualToTruth(harness, await harness.fake.groundTruth())
            let secondWindow = try #require(try await harness.recordedRun(second.runID))
            #expect(secondWindow.windowFrom == firstWindow.windowTo.addingTimeInterval(-300))
        }
    }

    @Test func aBodyIgnoringAPIEndsInARecordedErrorAndClaimsNoCoverage() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let first = try await harness.run(sinceHours: Self.backfillHours, now: Self.start)
            #expect(first.status == .ok, "\(first.message)")
            let before = try await harness.fingerprint()

            await harness.fake.setFaults(FaultPlan(routes: ["orders"], ignoreRequestBody: true))
            let ignored = try await harness.run(sinceHours: 1, now: Self.start.addingTimeInterval(2 * 3_600))
            #expect(ignored.status == .error)
            #expect(ignored.message.contains("the API ignored the request filters"), "\(ignored.message)")
            let recorded = try #require(try await harness.recordedRun(ignored.runID))
            #expect(recorded.status == "error" && recorded.message.contains("the API ignored the request filters"))
            #expect(try await harness.fingerprint() == before, "nothing of the unfiltered page was written")

            // The next run starts where the last successful one ended, not after the failed one.
            await harness.fake.setFaults(.none)
            let next = try await harness.run(sinceHours: 1, now: Self.start.addingTimeInterval(4 * 3_600))
            #expect(next.status == .ok, "\(next.message)")
            let firstWindow = try #require(try await harness.recordedRun(first.runID))
            let nextWindow = try #require(try await harness.recordedRun(next.runID))
            #expect(nextWindow.windowFrom == firstWindow.windowTo.addingTimeInterval(-300))
            try await expectEqualToTruth(harness, organiser.groundTruth())
        }
    }
}
