import Foundation
import Testing
@testable import Ingest

/// What the progress line and the bar say, from the counters the sales step feeds per page
/// (`orders`, `order_pages`, `orders_expected`), driven here directly.
@Suite struct ProgressEstimateTests {
    func snapshot(counters: [String: Int] = [:], requests: Int = 0, elapsed: Double, active: [String] = [], done: [String] = []) -> MetricsSnapshot {
        MetricsSnapshot(
            requests: requests > 0 ? ["orders": ["200": requests]] : [:], requestSeconds: [:], retries: ["orders": 3], skipped: [], skippedTotal: 0,
            tables: ["fact_qtickets_tickets": .init(rows: 700)], counters: counters,
            phases: Dictionary(uniqueKeysWithValues: done.map { ($0, 1.0) }), elapsedSeconds: elapsed, activePhases: active)
    }

    @Test func pagesOrdersRateAndETAFollowTheCounters() {
        let previous = snapshot(counters: ["orders": 100, "order_pages": 2, "orders_expected": 1_000], requests: 10, elapsed: 5, active: ["fetch_orders"])
        let current = snapshot(counters: ["orders": 250, "order_pages": 5, "orders_expected": 1_000], requests: 30, elapsed: 10, active: ["fetch_orders"])
        let estimate = ProgressEstimate(current, previous: previous)
        #expect(estimate.phase == "fetch_orders")
        #expect(estimate.pagesDone == 5 && estimate.pagesTotal == 20)
        #expect(estimate.orders == 250 && estimate.ordersExpected == 1_000)
        #expect(estimate.fraction == 0.25)
        #expect(estimate.etaSeconds == 30)
        #expect(estimate.requestsPerSecond == 4)
        #expect(estimate.rowsWritten == 700 && estimate.retries == 3)
        let fields = Dictionary(uniqueKeysWithValues: estimate.fields)
        #expect(fields == ["phase": "fetch_orders", "pages": "5/20", "orders": "250/1000", "rows": "700", "rps": "4.0", "retries": "3", "eta": "30s"])
    }

    /// Before the sales step counts pages, the orders listing's answers stand in for them; with
    /// no announced total there is no fraction, no total and no ETA.
    @Test func withoutCountersTheListingsAnswersStandInAndTheTotalsAreUnknown() {
        let estimate = ProgressEstimate(snapshot(requests: 12, elapsed: 4, active: ["fetch_orders", "inventory"]))
        #expect(estimate.phase == "fetch_orders+inventory")
        #expect(estimate.pagesDone == 12 && estimate.pagesTotal == nil)
        #expect(estimate.fraction == nil && estimate.etaSeconds == nil)
        #expect(estimate.requestsPerSecond == 3)
        let bar = ProgressBar.render(estimate, columns: 200)
        #expect(bar.hasPrefix("[4s] fetch_orders+inventory  pages 12/?  orders 0/?"))
    }

    @Test func phasesBeforeBetweenAndAfterTheMeasuredOnes() {
        #expect(ProgressEstimate(snapshot(elapsed: 1)).phase == "preparing")
        #expect(ProgressEstimate(snapshot(elapsed: 1, done: ["fetch_events"])).phase == "finishing")
    }

    /// The run's own metrics actor: `measure` marks its phase as under way while it runs.
    @Test func aMeasuredPhaseIsUnderWayWhileItRuns() async {
        let metrics = RunMetrics()
        await metrics.setSlice("2025-03-01..2025-04-01")
        let during = await metrics.measure("fetch_orders") {
            await metrics.add("orders", 50)
            await metrics.add("orders_expected", 200)
            return ProgressEstimate(await metrics.snapshot())
        }
        #expect(during.phase == "fetch_orders" && during.slice == "2025-03-01..2025-04-01" && during.fraction == 0.25)
        #expect(ProgressEstimate(await metrics.snapshot()).phase == "finishing")
        struct Failed: Error {}
        await #expect(throws: Failed.self) { try await metrics.measure("recompute_daily") { throw Failed() } }
        let after = await metrics.snapshot()
        #expect(after.activePhases.isEmpty && after.phases["recompute_daily"] == nil)
    }

    @Test func theBarFillsWithTheFractionAndNeverWraps() {
        let estimate = ProgressEstimate(snapshot(counters: ["orders": 450, "order_pages": 9, "orders_expected": 1_000], elapsed: 9, active: ["fetch_orders"]))
        let bar = ProgressBar.render(estimate, columns: 200)
        #expect(bar.hasPrefix("[#########...........] 45% fetch_orders  pages 9/20  orders 450/1000  rows 700"))
        #expect(bar.hasSuffix("ETA 11s"))
        #expect(ProgressBar.render(estimate, columns: 40).count == 39)
        #expect(!bar.contains("\n") && !bar.contains("\r"))
    }

    @Test(arguments: [(0.4, "0s"), (59, "59s"), (61, "1m01s"), (3_725, "1h02m"), (90_000, "1d01h")])
    func durationsReadAsPeopleSayThem(seconds: Double, text: String) {
        #expect(HumanDuration.text(seconds) == text)
    }
}
