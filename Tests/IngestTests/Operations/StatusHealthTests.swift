import Foundation
import Testing
@testable import Ingest

/// Coverage from the successful windows, and the verdict `status` exits with.
@Suite struct StatusHealthTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)
    func at(_ hours: Double) -> Date { now.addingTimeInterval(hours * 3_600) }
    func window(_ from: Double, _ to: Double) -> CoverageTracker.Window { .init(from: at(from), to: at(to)) }

    @Test func overlappingWindowsAreCompleteSinceTheOldestAndAGapStopsTheChain() {
        let chain = CoverageSummary(windows: [window(-24, 0), window(-24.25, -0.25), window(-30, -20)])
        #expect(chain.completeSince == at(-30) && chain.coveredUntil == at(0) && chain.gap == nil && chain.gapSeconds == 0)
        let gapped = CoverageSummary(windows: [window(-24, 0), window(-100, -50), window(-200, -150)])
        #expect(gapped.completeSince == at(-24))
        #expect(gapped.gap == window(-50, -24))
        #expect(gapped.gapSeconds == 26 * 3_600)
        #expect(CoverageSummary(windows: []).completeSince == nil)
    }

    func run(_ status: JobRunRow.Status, finished hoursAgo: Double?) -> RecordedRun {
        RecordedRun(runID: UUID().uuidString, startedAt: at(-(hoursAgo ?? 0) - 0.1), finishedAt: hoursAgo.map { at(-$0) },
                    status: status, rows: 1, message: status == .error ? "boom" : "", window: window(-24, 0), toolVersion: "t")
    }

    func health(_ runs: [RecordedRun]) -> StatusHealth {
        let status = WarehouseStatus(recentRuns: runs, lastSuccess: runs.first { $0.status == .ok }, lastError: runs.first { $0.status == .error })
        return StatusHealth(status, now: now, staleAfter: 3_600)
    }

    @Test func healthyFailingAndStale() {
        #expect(health([run(.ok, finished: 0.2)]) == .healthy)
        #expect(health([run(.running, finished: nil), run(.ok, finished: 0.2)]) == .healthy, "a run under way counts neither way")
        #expect(health([run(.error, finished: 0.1), run(.ok, finished: 0.5)]) == .failing)
        #expect(health([run(.error, finished: 0.1), run(.ok, finished: 1.5)]) == .stale, "stale wins over failing")
        #expect(health([run(.ok, finished: 1.5)]) == .stale)
        #expect(health([]) == .stale, "never succeeded")
        #expect([StatusHealth.healthy, .failing, .stale, .unknown].map(\.rawValue) == [0, 1, 2, 3])
    }
}

/// The text of `status` for what the end-to-end tests cannot produce on demand: a coverage gap
/// and a lock holder.
@Suite struct StatusRendererTests {
    @Test func aGapNamesItsBackfillAndALockHolderIsShown() {
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        func at(_ hours: Double) -> Date { now.addingTimeInterval(hours * 3_600) }
        let run = RecordedRun(runID: "0123456789abcdef", startedAt: at(-0.5), finishedAt: at(-0.49), status: .ok, rows: 42, message: "",
                              window: .init(from: at(-24.5), to: at(-0.5)), toolVersion: "t")
        let status = WarehouseStatus(
            recentRuns: [run], lastSuccess: run,
            coverage: CoverageSummary(windows: [run.window, .init(from: at(-300), to: at(-200))]),
            lockHolder: LockHolder(host: "etl1", pid: 4242, runID: "feedfacecafe", since: at(-0.1)))
        let renderer = StatusRenderer(organiser: "demo", database: "zakaz", timeZone: TimeZone(identifier: "Europe/Moscow")!, now: now, staleAfter: 3_600)
        let text = renderer.render(status, health: StatusHealth(status, now: now, staleAfter: 3_600))
        #expect(text.contains("health:     HEALTHY (exit 0): last success 29m24s ago"))
        #expect(text.contains("complete:   every order changed from 2025-06-14 17:36:40 to 2025-06-15 17:36:40 is loaded"))
        #expect(text.contains("gap:        2025-06-07 10:06:40 → 2025-06-14 17:36:40 (7d07h) not loaded; close it with a backfill reaching back past it (--since-hours 201)"))
        #expect(text.contains("lock:       held by etl1 pid 4242, run feedface, since 2025-06-15 18:00:40"))
        #expect(text.contains("2025-06-15 17:36:40  36s       ok      42    2025-06-14 17:36:40 → 2025-06-15 17:36:40  01234567"))
    }
}
