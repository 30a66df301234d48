import Foundation
import Testing
@testable import Ingest

/// Which slices are already loaded, where the open slice starts on a rerun, and from when a
/// bounded slice's days are complete.
@Suite struct SliceCoverageTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ hoursAgo: Double) -> Date { Self.now.addingTimeInterval(-hoursAgo * 3_600) }
    func window(_ from: Double, _ to: Double) -> CoverageTracker.Window { .init(from: at(from), to: at(to)) }
    func slice(_ from: Double, _ to: Double, open: Bool = false) -> BackfillSlice {
        BackfillSlice(from: at(from), to: at(to), isOpen: open, number: 1, count: 1)
    }

    @Test func aWindowIsCoveredOnlyByAnUnbrokenUnion() {
        let previous = [window(100, 70), window(72, 40), window(30, 0)]
        #expect(CoverageTracker.covers(window(90, 50), previous: previous))
        #expect(!CoverageTracker.covers(window(90, 35), previous: previous), "the gap 40..30")
        #expect(!CoverageTracker.covers(window(110, 90), previous: previous))
        #expect(!CoverageTracker.covers(window(10, 5), previous: []))
    }

    @Test func aBoundedSliceIsCompleteFromItsStartOnlyWhenTheChainFromTheNewestReachesIt() {
        let chain = [window(48, 0), window(96, 48)]
        #expect(CoverageTracker.coveredSince(slice: window(144, 96), previous: chain) == at(144))
        // A gap between the slice and the newer windows: its days are complete from nowhere in it.
        let gap = [window(48, 0)]
        #expect(CoverageTracker.coveredSince(slice: window(144, 96), previous: gap) == at(48))
        #expect(SliceStart(slice(144, 96), covered: gap, skew: 300).coveredSince == at(48))
    }

    @Test func theOpenSliceOfARerunFetchesOnlyFromTheNewestEndMinusTheSkew() {
        let earlier = [window(500, 10.0 / 60)]
        let start = SliceStart(slice(400, 0, open: true), covered: earlier, skew: 300)
        #expect(start.reason == "catch-up")
        #expect(start.from == at(10.0 / 60).addingTimeInterval(-300))
        // Not covered from the slice's start: the whole slice.
        let partial = SliceStart(slice(400, 0, open: true), covered: [window(300, 1)], skew: 300)
        #expect(partial.from == at(400) && partial.reason == "slice")
    }
}
