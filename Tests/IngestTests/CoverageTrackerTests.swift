import Foundation
import Testing
@testable import Ingest

@Suite struct CoverageTrackerTests {
    func window(_ from: Double, _ to: Double) -> CoverageTracker.Window {
        .init(from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to))
    }

    @Test func overlappingWindowsChainBackwards() {
        let current = window(1_000, 2_000)
        let previous = [window(900, 1_100), window(100, 950), window(0, 50)]
        // 1000 ← 900 (reaches 1000) ← 100 (reaches 900); the window ending at 50 leaves a gap.
        #expect(CoverageTracker.coveredSince(current: current, previous: previous) == Date(timeIntervalSince1970: 100))
    }

    @Test func aGapStopsTheChain() {
        #expect(CoverageTracker.coveredSince(current: window(1_000, 2_000), previous: [window(0, 999)]) == Date(timeIntervalSince1970: 1_000))
        #expect(CoverageTracker.coveredSince(current: window(1_000, 2_000), previous: []) == Date(timeIntervalSince1970: 1_000))
    }

    @Test func contiguousDayRanges() {
        #expect(SalesPipeline.contiguousRanges([5, 1, 2, 3, 9, 10]) == [1...3, 5...5, 9...10])
        #expect(SalesPipeline.contiguousRanges([]) == [])
    }
}
