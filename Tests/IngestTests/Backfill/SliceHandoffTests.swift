import Foundation
import Synchronization
import Testing
@testable import Ingest

/// The three meeting points of neighbouring slices (``SliceHandoff``): the older slice may start
/// once the newer one's orders are read, but its payment-time completions wait for the newer
/// slice's rows to be written, and its recompute for the newer slice's end.
@Suite struct SliceHandoffTests {
    static let window = CoverageTracker.Window(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 86_400))
    static let loaded = SliceHandoff.Loaded(events: [], completeDays: [7], window: window, density: nil)

    /// Lets every runnable task run, a few rounds.
    static func settle() async {
        for _ in 0..<50 { await Task.yield() }
    }

    @Test func theOlderSliceStartsOnReadOrdersButItsCompletionsWaitForTheNewerRows() async throws {
        let newer = SliceHandoff(newer: nil)
        let older = SliceHandoff(newer: ("newer", newer, { true }))
        await newer.loaded(Self.loaded)
        guard case let .loaded(handedOff) = await newer.wait() else {
            Issue.record("the newer slice's read orders did not let the older one start")
            return
        }
        #expect(handedOff.completeDays == [7])
        let completionsMayRun = Mutex(false)
        let completions = Task {
            await older.waitForNewerRows()
            completionsMayRun.withLock { $0 = true }
        }
        await Self.settle()
        #expect(!completionsMayRun.withLock { $0 }, "completions ran before the newer slice's rows were written")
        await newer.wrote()
        await completions.value
        #expect(completionsMayRun.withLock { $0 })
    }

    @Test func aNewerSliceThatEndsWithoutWritingReleasesTheOlderOneAndItsFailureStopsTheRecompute() async throws {
        let newer = SliceHandoff(newer: nil)
        let older = SliceHandoff(newer: ("2026-11-03..2026-12-03", newer, { false }))
        let waiting = Task { await older.waitForNewerRows() }
        await newer.ended()
        await waiting.value
        guard case .ended = await newer.wait() else {
            Issue.record("a slice that ended before its orders were read handed off")
            return
        }
        await #expect(throws: NewerSliceFailed.self) { try await older.waitForNewer() }
    }

    @Test func theFirstSliceWaitsForNothing() async throws {
        let first = SliceHandoff(newer: nil)
        await first.waitForNewerRows()
        try await first.waitForNewer()
    }
}
