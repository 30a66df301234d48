import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// The product against its ground truth: the fake API serving a generated organiser over HTTP,
/// the real ClickHouse, the real pipeline. Every comparison is exact (Decimal revenue, counts,
/// keys), and "no extra rows" is part of every equality.
@Suite(.serialized) struct EndToEndTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 7, events: 12, maxShowsPerEvent: 4, orders: 2_000, maxTicketsPerOrder: 4, historyHours: 24 * 60)
    static let backfillHours = 24 * 61

    func runNow(after date: Date) -> Date { date.addingTimeInterval(60) }

    @Test func backfillEqualsTheGroundTruth() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let truth = organiser.groundTruth()
        try await IngestHarness.with(organiser) { harness in

            let report = try await harness.run(sinceHours: Self.backfillHours, now: runNow(after: Self.generatedAt))
            #expect(report.status == .ok, "\(report.message)")
            try await expectEqualToTruth(harness, truth)
            #expect(truth.sales.count > 50, "the generator should give the test something to compare")

            // The operators' runbook, unchanged: exact counts without FINAL.
            let daily = try await harness.scalar("SELECT count(), toUnixTimestamp(max(sale_ts)) FROM \(harness.table("fact_qtickets_sales_daily"))")
            let latest = truth.sales.values.map(\.latestPaymentEpoch).max() ?? 0
            #expect(daily == "\(truth.sales.count)\t\(latest)")
            let byCity = try await harness.clickHouse.query("SELECT city, sum(tickets_left) FROM \(harness.table("fact_qtickets_inventory_latest")) GROUP BY city ORDER BY city FORMAT TSV")
            let expectedByCity = Dictionary(grouping: truth.inventory.values, by: \.city)
                .map { ($0.key, $0.value.reduce(0) { $0 + $1.ticketsLeft }) }
                .sorted { $0.0 < $1.0 }
                .map { "\($0.0)\t\($0.1)\n" }.joined()
            #expect(byCity == expectedByCity)
            let runs = try await harness.clickHouse.query("SELECT run_id, status, rows_processed > 0, finished_at IS NOT NULL, message FROM \(harness.table("meta_job_runs")) WHERE job = 'qtickets_api' ORDER BY started_at DESC LIMIT 5 FORMAT TSV")
            // 61 days > INGEST_SLICE_DAYS (30): a backfill in slices, one row each, the newest
            // (`-1`) started first.
            let slices = runs.split(separator: "\n").map(String.init)
            #expect(slices.count == 3, "\(runs)")
            #expect(slices.sorted() == (1...slices.count).map { "\(report.runID)-\($0)\tok\t1\t1\t" }, "\(runs)")
        }
    }

    @Test func refundsAndCancellationsArrivingLaterFixTheirDays() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let first = try await harness.run(sinceHours: Self.backfillHours, now: runNow(after: Self.generatedAt))
            #expect(first.status == .ok, "\(first.message)")

            let later = Self.generatedAt.addingTimeInterval(5 * 3_600)
            organiser.mutate(seed: 99, newOrders: 60, refunds: 40, cancellations: 25, now: later)
            await harness.fake.replaceOrganiser(organiser)
            let second = try await harness.run(sinceHours: 1, now: runNow(after: later))
            #expect(second.status == .ok, "\(second.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())
        }
    }

    @Test func aShortRunOnAnEmptyWarehouseCompletesTheDaysItTouches() async throws {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let later = Self.generatedAt.addingTimeInterval(2 * 3_600)
        organiser.mutate(seed: 5, newOrders: 10, refunds: 30, cancellations: 10, now: later)
        let truth = organiser.groundTruth()
        try await IngestHarness.with(organiser) { harness in

            let report = try await harness.run(sinceHours: 1, now: runNow(after: later))
            #expect(report.status == .ok, "\(report.message)")
            let loaded = try await harness.sales()
            let days = Set(loaded.keys.map(\.date))
            #expect(days.count > 3, "refunds of old orders should touch old days")
            // Every day the run wrote is whole: equal to the truth of that day, all its rows.
            let expected = truth.sales.filter { days.contains($0.key.date) }
            #expect(loaded == expected)
        }
    }

    @Test func rerunsAndOverlappingWindowsChangeNothing() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let now = runNow(after: Self.generatedAt)
            #expect(try await harness.run(sinceHours: Self.backfillHours, now: now).status == .ok)
            let before = try await harness.fingerprint()

            #expect(try await harness.run(sinceHours: Self.backfillHours, now: now).status == .ok)
            #expect(try await harness.fingerprint() == before)
            #expect(try await harness.run(sinceHours: 24 * 20, now: now.addingTimeInterval(1_800)).status == .ok)
            #expect(try await harness.run(sinceHours: 24 * 40, now: now.addingTimeInterval(3_600)).status == .ok)
            #expect(try await harness.fingerprint() == before)
            try await expectEqualToTruth(harness, organiser.groundTruth())
            // Without FINAL too: the daily table never holds two rows for one key.
            let plain = try await harness.scalar("SELECT count() FROM \(harness.table("fact_qtickets_sales_daily"))")
            let final = try await harness.scalar("SELECT count() FROM \(harness.table("fact_qtickets_sales_daily")) FINAL")
            #expect(plain == final)
        }
    }

    @Test func dryRunWritesNothing() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let now = runNow(after: Self.generatedAt)

            let dry = try await harness.run(sinceHours: Self.backfillHours, now: now, dryRun: true)
            #expect(dry.status == .ok, "\(dry.message)")
            #expect(dry.rowsByTable["fact_qtickets_tickets", default: 0] > 0)
            #expect(dry.preview.contains { $0.hasPrefix("fact_qtickets_tickets: ") })
            // The daily facts are not computed in memory: the preview says what a real run would recompute.
            #expect(dry.preview.contains { $0.hasPrefix("fact_qtickets_sales_daily: ") && $0.hasSuffix("would be recomputed from the ticket table") })
            #expect(try await harness.scalar("SELECT count() FROM system.databases WHERE name = '\(harness.database)'") == "0")

            #expect(try await harness.run(sinceHours: Self.backfillHours, now: now).status == .ok)
            let before = try await harness.fingerprint()
            // With `FINAL`: a background merge of the run's `running` and final rows may land
            // between the two counts (it failed once so under a loaded suite), a write may not.
            let runs = "SELECT count() FROM \(harness.table("meta_job_runs")) FINAL"
            let runsBefore = try await harness.scalar(runs)
            #expect(try await harness.run(sinceHours: 24, now: now.addingTimeInterval(60), dryRun: true).status == .ok)
            #expect(try await harness.fingerprint() == before)
            #expect(try await harness.scalar(runs) == runsBefore)
        }
    }
}
