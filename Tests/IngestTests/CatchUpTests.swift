import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// After an outage a run starts where the last successful window ended (minus the clock skew),
/// whatever its `--since-hours`; a gap longer than `INGEST_MAX_CATCH_UP_HOURS` is not caught up
/// silently: the run fails naming the backfill that closes it.
@Suite(.serialized) struct CatchUpTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 23, events: 10, maxShowsPerEvent: 3, orders: 1_500, maxTicketsPerOrder: 4, historyHours: 24 * 20)
    static let start = generatedAt.addingTimeInterval(60)

    /// Changes at these hours after `start`, as the box office makes them during an outage.
    static func changed(_ organiser: Organiser, atHours hours: [Int]) -> Organiser {
        var organiser = organiser
        for (index, hour) in hours.enumerated() {
            organiser.mutate(seed: UInt64(100 + index), newOrders: 25, refunds: 20, cancellations: 8, now: start.addingTimeInterval(Double(hour) * 3_600))
        }
        return organiser
    }

    @Test func aThirtyHourOutageWithSinceHours24EndsEqualToTheTruth() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let first = try await harness.run(sinceHours: 24 * 21, now: Self.start)
            #expect(first.status == .ok, "\(first.message)")

            // Refunds and cancellations of old orders 2 hours after the last run: outside the
            // next run's 24-hour lookback.
            let later = Self.changed(organiser, atHours: [2, 10, 28])
            await harness.fake.replaceOrganiser(later)
            let second = try await harness.run(sinceHours: 24, now: Self.start.addingTimeInterval(30 * 3_600))
            #expect(second.status == .ok, "\(second.message)")
            try await expectEqualToTruth(harness, later.groundTruth())
            let firstWindow = try #require(try await harness.recordedRun(first.runID))
            let secondWindow = try #require(try await harness.recordedRun(second.runID))
            #expect(secondWindow.windowFrom == firstWindow.windowTo.addingTimeInterval(-300))
        }
    }

    @Test func anOutagePastTheLimitEndsInAnErrorNamingTheBackfillThatClosesIt() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let first = try await harness.run(sinceHours: 24 * 21, now: Self.start)
            #expect(first.status == .ok, "\(first.message)")
            let before = try await harness.fingerprint()
            let later = Self.changed(organiser, atHours: [3, 100, 165])
            await harness.fake.replaceOrganiser(later)

            let now = Self.start.addingTimeInterval(170 * 3_600)
            let refused = try await harness.run(sinceHours: 24, now: now)
            #expect(refused.status == .error)
            #expect(refused.message.contains("INGEST_MAX_CATCH_UP_HOURS=168"), "\(refused.message)")
            #expect(try await harness.recordedRun(refused.runID)?.status == "error")
            #expect(try await harness.fingerprint() == before, "a refused catch-up writes nothing")

            // The command it names, run now, closes the gap.
            let prefix = "qtickets-ingest --envfile … --since-hours "
            let hours = try #require(refused.message.range(of: prefix).flatMap { Int(refused.message[$0.upperBound...].prefix { $0.isNumber }) })
            let firstWindow = try #require(try await harness.recordedRun(first.runID))
            #expect(Double(hours) * 3_600 >= now.timeIntervalSince(firstWindow.windowTo.addingTimeInterval(-300)))
            let backfill = try await harness.run(sinceHours: hours, now: now.addingTimeInterval(60))
            #expect(backfill.status == .ok, "\(backfill.message)")
            try await expectEqualToTruth(harness, later.groundTruth())
        }
    }
}
