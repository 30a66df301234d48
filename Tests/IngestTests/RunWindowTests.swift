import Foundation
import Testing
@testable import Ingest

/// Where a run's window starts: the lookback, or the end of the last successful window minus
/// the clock skew when that is earlier (a catch-up), within a limit.
@Suite struct RunWindowTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let hour: TimeInterval = 3_600

    func window(hoursAgo from: Double, _ to: Double) -> CoverageTracker.Window {
        .init(from: Self.now.addingTimeInterval(-from * Self.hour), to: Self.now.addingTimeInterval(-to * Self.hour))
    }

    @Test func theCatchUpStartIsTheNewestWindowsEndMinusTheSkew() {
        #expect(CoverageTracker.catchUpStart(previous: [], skew: 300) == nil)
        let previous = [window(hoursAgo: 60, 30), window(hoursAgo: 80, 50), window(hoursAgo: 200, 100)]
        #expect(CoverageTracker.catchUpStart(previous: previous, skew: 300) == Self.now.addingTimeInterval(-30 * Self.hour - 300))
    }

    @Test func aRunAfterTheLastOneOverlapsIt() {
        // The timer's 15-minute runs: the lookback reaches further back than the last window.
        let plan = RunWindow(now: Self.now, sinceHours: 24, previous: [window(hoursAgo: 24.25, 0.25)], skew: 300)
        #expect(plan.reason == .lookback)
        #expect(plan.from == Self.now.addingTimeInterval(-24 * Self.hour))
        #expect(throws: Never.self) { try plan.requireCatchUp(atMost: 168) }
    }

    @Test func aRunAfterAnOutageCatchesUp() {
        let plan = RunWindow(now: Self.now, sinceHours: 24, previous: [window(hoursAgo: 54, 30)], skew: 300)
        #expect(plan.reason == .catchUp)
        #expect(plan.from == Self.now.addingTimeInterval(-30 * Self.hour - 300))
        #expect(plan.hours == 31)
        #expect(throws: Never.self) { try plan.requireCatchUp(atMost: 168) }
    }

    @Test func aCatchUpPastTheLimitNamesTheBackfill() throws {
        let plan = RunWindow(now: Self.now, sinceHours: 24, previous: [window(hoursAgo: 200, 170)], skew: 300)
        let error = try #require(throws: CatchUpTooLong.self) { try plan.requireCatchUp(atMost: 168) }
        #expect(error.hours == 171)
        #expect(error.gapStart == Self.now.addingTimeInterval(-170 * Self.hour - 300))
        #expect(error.description.contains("INGEST_MAX_CATCH_UP_HOURS=168"))
        #expect(error.description.hasSuffix("close the gap with a backfill: qtickets-ingest --envfile … --since-hours 172"))
        // The backfill it names is a lookback: no catch-up, no limit.
        let backfill = RunWindow(now: Self.now, sinceHours: 172, previous: [window(hoursAgo: 200, 170)], skew: 300)
        #expect(backfill.reason == .lookback)
        #expect(throws: Never.self) { try backfill.requireCatchUp(atMost: 168) }
    }

    @Test func theFirstRunLooksBack() {
        let plan = RunWindow(now: Self.now, sinceHours: 8_760, previous: [], skew: 300)
        #expect(plan.reason == .lookback && plan.from == Self.now.addingTimeInterval(-8_760 * Self.hour))
    }
}
