import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import Ingest

/// Backfills in slices against the fake and the real ClickHouse: the result equals the truth,
/// every slice is a `meta_job_runs` row with its bounds, newest first; a failed slice stops the
/// backfill and the same command run again goes on from it, loading nothing twice.
@Suite(.serialized) struct BackfillTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 41, events: 8, maxShowsPerEvent: 3, orders: 900, maxTicketsPerOrder: 3, historyHours: 24 * 20)
    static let calendar = SalesCalendar(timeZone: TimeZone(identifier: "Europe/Moscow") ?? .current)
    static let settings = ["INGEST_SLICE_DAYS": "5"]
    static let sinceHours = 24 * 21

    static func plan(now: Date) -> BackfillPlan {
        BackfillPlan(from: now.addingTimeInterval(-Double(sinceHours) * 3_600), to: nil, now: now, sliceDays: 5, calendar: calendar)
    }

    @Test func aSlicedBackfillEqualsTheTruthAndRecordsEachSliceNewestFirst() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser, settings: Self.settings) { harness in
            let now = Self.generatedAt.addingTimeInterval(60)
            let report = try await harness.backfill(sinceHours: Self.sinceHours, now: now)
            #expect(report.status == .ok, "\(report.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())

            let plan = Self.plan(now: now)
            #expect(plan.slices.count >= 4)
            // Written in this order (versions rise): slice 1, the newest, first.
            let records = try await harness.slices(of: report.runID)
            #expect(records.map(\.runID) == plan.slices.map { "\(report.runID)-\($0.number)" })
            #expect(records.allSatisfy { $0.status == "ok" })
            for (record, slice) in zip(records, plan.slices) {
                #expect(record.from == slice.from, "slice \(slice.number)")
                if slice.isOpen { #expect(record.to >= now) } else { #expect(record.to == slice.to, "slice \(slice.number)") }
            }
        }
    }

    /// A refund loaded by a newer slice touches a day of an older slice; that older slice loads
    /// every order paid on the day and recomputes all its days (``SliceDays``), so the day is
    /// not read by payment time first: over the whole backfill each order is served once (plus
    /// the open slice's re-check of the last minutes), and the days are still exact.
    @Test func aBackfillServesEachOrderOnceAndOlderSlicesRecomputeTheDaysNewerOnesTouched() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let now = Self.generatedAt.addingTimeInterval(60)
        // Orders paid in one slice and changed in a newer one: the days the deferral is about.
        let plan = Self.plan(now: now)
        let sliceOf = { (epoch: Int) in plan.slices.first { $0.window.from.timeIntervalSince1970 <= Double(epoch) && (
            $0.isOpen || Double(epoch) < $0.to.timeIntervalSince1970) }?.number }
        let crossing = organiser.orders.filter { order in
            guard let paid = order.payedAt, let paidIn = sliceOf(paid), let updatedIn = sliceOf(order.updatedAt) else { return false }
            return updatedIn < paidIn
        }
        #expect(crossing.count >= 10, "the organiser has orders changed a slice after their payment: \(crossing.count)")
        try await IngestHarness.with(organiser, settings: Self.settings) { harness in
            let report = try await harness.backfill(sinceHours: Self.sinceHours, now: now)
            #expect(report.status == .ok, "\(report.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())
            let recheck = now.addingTimeInterval(-300).timeIntervalSince1970
            let recent = organiser.orders.filter { Double($0.updatedAt) >= recheck }.count
            let served = await harness.fake.stats().ordersServed
            #expect(served <= organiser.orders.count + recent, "served \(served) orders of \(organiser.orders.count) (+\(recent) re-checked)")
        }
    }

    @Test func aFailedSliceStopsTheBackfillAndTheSameCommandGoesOnFromIt() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let now = Self.generatedAt.addingTimeInterval(60)
        let plan = Self.plan(now: now)
        let third = plan.slices[2]
        let candidate = Self.orderOnlySlice(third, in: organiser)
        let victim = try #require(candidate, "an unpaid order updated in slice 3")
        try await IngestHarness.with(organiser, faults: FaultPlan(badRecords: [victim: .negativePrice]), settings: Self.settings) { harness in
            let failed = try await harness.backfill(sinceHours: Self.sinceHours, now: now)
            #expect(failed.status == .error)
            #expect(failed.message.contains("slice \(third.name(in: Self.calendar)) (3/\(plan.slices.count)) failed"), "\(failed.message)")
            #expect(failed.message.contains("run the same command again"), "\(failed.message)")
            // Slice 4's fetch had begun while slice 3 recomputed (``SliceHandoff``): it stops before
            // its own recompute, recorded `error`; no slice after it is started.
            let first = try await harness.slices(of: failed.runID)
            #expect(first.map(\.status) == ["ok", "ok", "error", "error"], "slices after the failed one's neighbour are not started")
            let stopped = try await harness.scalar(
                "SELECT message FROM \(harness.table("meta_job_runs")) FINAL WHERE run_id = '\(failed.runID)-4'")
            #expect(stopped.contains("stopped: the newer slice \(third.name(in: Self.calendar)) failed"), "\(stopped)")

            await harness.fake.setFaults(.none)
            let later = now.addingTimeInterval(120)
            let rerun = try await harness.backfill(sinceHours: Self.sinceHours, now: later)
            #expect(rerun.status == .ok, "\(rerun.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())
            // Slice 2 was loaded: not again. The open slice runs again (from where it ended), then 3 onwards.
            let second = try await harness.slices(of: rerun.runID)
            let loadedBefore = first[1].window
            #expect(!second.contains { $0.window == loadedBefore })
            #expect(second.count == Self.plan(now: later).slices.count - 1)
            #expect(second.contains { $0.from == third.from && $0.to == third.to && $0.status == "ok" })
        }
    }

    /// An unpaid order of `slice`: read by that slice's `updated_at` stream only (never by a
    /// day's completion, which reads by payment time), so the fault it carries hits that slice
    /// and no other.
    static func orderOnlySlice(_ slice: BackfillSlice, in organiser: Organiser) -> Int? {
        organiser.orders.first { order in
            let updated = TimeInterval(order.updatedAt)
            return order.payedAt == nil && updated >= slice.from.timeIntervalSince1970 && updated < slice.to.timeIntervalSince1970
        }?.id
    }
}
