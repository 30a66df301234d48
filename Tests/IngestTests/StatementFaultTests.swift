import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Every ClickHouse statement of a run survives one transient failure (issue 9.3).
///
/// A tiny organiser is backfilled, then refunds and cancellations arrive and a short run follows,
/// both through ``ClickHouseFaultProxy`` in front of the real ClickHouse. A clean pass counts the
/// requests; then, for every request number k, the same two runs start again on an empty
/// database with a fault at the k-th request: a 502 and a dropped connection after the server
/// ran the statement (the hard case: a retry runs it twice), and for a sample of k a 502 and a
/// drop before forwarding and an answer slower than the client's timeout. Each pass must end
/// `ok` with every table equal to the clean pass and the daily table equal to the truth, exact
/// without `FINAL`, and no staging table left.
@Suite(.serialized) struct StatementFaultTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 31, events: 3, maxShowsPerEvent: 2, orders: 40, maxTicketsPerOrder: 2, historyHours: 24 * 5)
    /// Short, so that a slow answer (``slowAnswer``) times out; retries wait 0.2 s and up.
    static let settings = ["CLICKHOUSE_TIMEOUT_SECONDS": "2", "QTICKETS_API_CONCURRENCY": "2"]
    static let slowAnswer = ProxyFault.delay(.seconds(3))

    /// What one pass ended with.
    struct Outcome {
        var requests: Int
        var injected: [ClickHouseFaultProxy.Request]
        var fingerprint: String
    }

    @Test func everyStatementSurvivesA502ADroppedConnectionAndASlowAnswer() async throws {
        let started = ContinuousClock.now
        let clean = try await pass([])
        #expect(clean.requests > 30, "the scenario should send the whole run's statements")
        let n = clean.requests
        // Two faults per pass: a 502 at request k, and a dropped connection at the statement
        // half a pass further (its request number one higher when it comes after k: the 502's
        // retry is one more request). Over the n passes every request gets both.
        var cases: [[ProxyRule]] = (1...n).map { k in
            let j = (k + n / 2 - 1) % n + 1
            return [ProxyRule(.requestNumber(k), .badGatewayAfterForwarding), ProxyRule(.requestNumber(j < k ? j : j + 1), .dropAfterForwarding)]
        }
        // A sample: faults before forwarding (the statement never ran) and a slow answer.
        let sampled: [ProxyFault] = [.badGatewayBeforeForwarding, .dropBeforeForwarding, Self.slowAnswer]
        for (index, k) in stride(from: 1, through: n, by: 6).enumerated() {
            cases.append([ProxyRule(.requestNumber(k), sampled[index % sampled.count])])
        }
        var injected = 0
        var missed: [String] = []
        for rules in cases {
            let outcome = try await pass(rules)
            let label = rules.map { "\($0.fault) at request \($0.selector)" }.joined(separator: ", ")
            #expect(outcome.fingerprint == clean.fingerprint, "\(label): \(outcome.injected)")
            injected += outcome.injected.count
            if outcome.injected.count < rules.count { missed.append("\(label) (\(outcome.requests) requests)") }
        }
        // Batches are cut by age, so a pass sends a request or two more or fewer than the clean
        // one and a fault numbered near the end may find no request; nearly all must land.
        let planned = cases.map(\.count).reduce(0, +)
        #expect(injected * 100 >= planned * 95, "only \(injected) of \(planned) faults injected; missed: \(missed)")
        print("StatementFaultTests: \(n) requests per pass, \(cases.count) faulted passes, \(injected)/\(planned) faults injected in \(ContinuousClock.now - started)")
    }

    /// The backfill, the changes, the short run; with `rules` (requests counted over both runs).
    private func pass(_ rules: [ProxyRule]) async throws -> Outcome {
        let environment = try ClickHouseTestEnvironment.load()
        let proxy = try await ClickHouseFaultProxy.start(upstream: environment.url)
        return try await withCleanup {
            proxy.setRules(rules)
            var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
            var settings = Self.settings
            settings["CLICKHOUSE_HOST"] = proxy.url
            return try await IngestHarness.with(organiser, settings: settings) { harness in
                let label = rules.isEmpty ? "clean pass" : rules.map { "\($0.fault) at request \($0.selector)" }.joined(separator: ", ")
                let first = try await harness.run(sinceHours: 24 * 6, now: Self.generatedAt.addingTimeInterval(60))
                #expect(first.status == .ok, "\(label), backfill: \(first.message)")
                let later = Self.generatedAt.addingTimeInterval(3 * 3_600)
                organiser.mutate(seed: 32, newOrders: 8, refunds: 8, cancellations: 4, now: later)
                await harness.fake.replaceOrganiser(organiser)
                let second = try await harness.run(sinceHours: 1, now: later.addingTimeInterval(60))
                #expect(second.status == .ok, "\(label), short run: \(second.message)")

                let truth = organiser.groundTruth()
                try await expectSalesEqualToTruth(harness, truth)
                // Exact without FINAL: a staging fill sent twice would have doubled rows.
                let daily = try await harness.scalar("SELECT count() FROM \(harness.table("fact_qtickets_sales_daily"))")
                #expect(daily == "\(truth.sales.count)", "\(label): daily rows without FINAL")
                let inventory = try await harness.scalar("SELECT count() = uniqExact(show_id) FROM \(harness.table("fact_qtickets_inventory_latest"))")
                #expect(inventory == "1", "\(label): one inventory row per show without FINAL")
                let stages = try await harness.scalar(
                    "SELECT count() FROM system.tables WHERE database = '\(harness.database)' AND position(name, '_stage_') > 0")
                #expect(stages == "0", "\(label): staging tables left")
                let runs = try await harness.scalar(
                    "SELECT groupArray(status) FROM (SELECT status FROM \(harness.table("meta_job_runs")) FINAL ORDER BY started_at)")
                #expect(runs == "['ok','ok']", "\(label): \(runs)")
                // A slow answer is logged when the proxy finally sends it, after the client gave up.
                for _ in 0..<50 where proxy.injected.count < rules.count { try await Task.sleep(for: .milliseconds(100)) }
                return Outcome(requests: proxy.requests.count, injected: proxy.injected, fingerprint: try await harness.fingerprint())
            }
        } cleanup: {
            await proxy.shutdown()
        }
    }
}
