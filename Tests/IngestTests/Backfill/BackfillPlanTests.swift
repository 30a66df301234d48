import Foundation
import Testing
@testable import Ingest

/// How a backfill is cut: a fixed grid of `INGEST_SLICE_DAYS` local days, newest first, the
/// outer slices clipped to the backfill's bounds; `--to` inclusive; the same command later
/// cuts the same slices.
@Suite struct BackfillPlanTests {
    static let calendar = SalesCalendar(timeZone: TimeZone(identifier: "Europe/Moscow") ?? .current)
    static let now = Date(timeIntervalSince1970: 1_764_500_000)  // 2025-11-30 13:53 Moscow

    func day(_ text: String) throws -> Date {
        Self.calendar.start(ofDay: try BackfillDates.day(text, flag: "--from"))
    }

    @Test func slicesRunNewestFirstAndTileTheRangeWithoutGapsOrOverlaps() {
        let from = Self.now.addingTimeInterval(-8_760 * 3_600)
        let plan = BackfillPlan(from: from, to: nil, now: Self.now, sliceDays: 30, calendar: Self.calendar)
        #expect(plan.slices.count >= 12 && plan.slices.count <= 14)
        #expect(plan.slices.first?.to == Self.now && plan.slices.first?.isOpen == true)
        #expect(plan.slices.last?.from == from)
        for (newer, older) in zip(plan.slices, plan.slices.dropFirst()) {
            #expect(older.to == newer.from, "contiguous")
            #expect(older.from < newer.from, "newest first")
            #expect(!older.isOpen)
        }
        #expect(plan.slices.map(\.number) == Array(1...plan.slices.count))
        // Inner bounds are local midnights of every 30th day since 1970-01-01.
        for slice in plan.slices.dropLast() {
            let day = Self.calendar.day(of: slice.from)
            #expect(Self.calendar.start(ofDay: day) == slice.from && day % 30 == 0)
        }
    }

    @Test func theSameCommandMinutesLaterCutsTheSameInnerSlices() {
        let first = BackfillPlan(from: Self.now.addingTimeInterval(-2_000 * 3_600), to: nil, now: Self.now, sliceDays: 7, calendar: Self.calendar)
        let later = Self.now.addingTimeInterval(600)
        let second = BackfillPlan(from: later.addingTimeInterval(-2_000 * 3_600), to: nil, now: later, sliceDays: 7, calendar: Self.calendar)
        let inner = { (plan: BackfillPlan) in plan.slices.dropFirst().dropLast().map(\.window) }
        #expect(inner(first) == inner(second))
        // The first attempt's slices cover the second's (only the open, newest one runs again).
        let previous = first.slices.map(\.window)
        #expect(second.slices.filter { !CoverageTracker.covers($0.window, previous: previous) }.map(\.number) == [1])
    }

    @Test func toIsInclusiveAndAPastRangeHasNoOpenSlice() throws {
        let dates = try BackfillDates(from: "2025-01-01", to: "2025-12-31")
        let range = dates.range(in: Self.calendar)
        #expect(range.lowerBound == (try day("2025-01-01")))
        #expect(range.upperBound == (try day("2026-01-01")))
        let plan = BackfillPlan(from: range.lowerBound, to: range.upperBound, now: Self.now.addingTimeInterval(86_400 * 60), sliceDays: 30, calendar: Self.calendar)
        #expect(plan.slices.allSatisfy { !$0.isOpen })
        #expect(plan.slices.first?.to == range.upperBound && plan.slices.last?.from == range.lowerBound)
        #expect(plan.slices.first?.name(in: Self.calendar).hasSuffix("..2026-01-01") == true)
        // A range reaching today ends at now, open, as a normal run.
        let today = BackfillPlan(from: range.lowerBound, to: Self.now.addingTimeInterval(3_600), now: Self.now, sliceDays: 30, calendar: Self.calendar)
        #expect(today.slices.first?.isOpen == true && today.slices.first?.to == Self.now)
        #expect(today.slices.first?.name(in: Self.calendar).hasSuffix("..now") == true)
    }

    @Test func badDatesAreRefusedNamingTheFlag() {
        #expect(throws: BackfillDatesError.notADate(flag: "--from", value: "2025-02-30")) { try BackfillDates(from: "2025-02-30", to: "2025-03-01") }
        #expect(throws: BackfillDatesError.notADate(flag: "--to", value: "31.12.2025")) { try BackfillDates(from: "2025-01-01", to: "31.12.2025") }
        #expect(throws: BackfillDatesError.notADate(flag: "--from", value: "2025-1-01")) { try BackfillDates(from: "2025-1-01", to: "2025-12-31") }
        #expect(throws: BackfillDatesError.fromAfterTo(from: "2025-03-02", to: "2025-03-01")) { try BackfillDates(from: "2025-03-02", to: "2025-03-01") }
        #expect(throws: BackfillDatesError.outOfRange(flag: "--from", value: "1969-12-31")) { try BackfillDates(from: "1969-12-31", to: "2025-03-01") }
        #expect((try? BackfillDates(from: "2024-02-29", to: "2024-02-29")) != nil, "a leap day, one day")
    }

    @Test func onlyASinceHoursLongerThanOneSliceIsABackfill() {
        #expect(!BackfillPlan.isSliced(sinceHours: 24, sliceDays: 30))
        #expect(!BackfillPlan.isSliced(sinceHours: 720, sliceDays: 30))
        #expect(BackfillPlan.isSliced(sinceHours: 721, sliceDays: 30))
    }
}
