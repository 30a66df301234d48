import Foundation
import Testing
import TestSupport
@testable import Ingest

/// The textfile's format (checked by promtool, Prometheus's own linter) and the shipped alert
/// rules (promtool's rule unit tests).
@Suite struct PrometheusTests {
    static let rules = Repository.url("configs/prometheus").path

    func exposition(inProgress: Bool, organiser: String = "org \"one\"") -> PrometheusExposition {
        let snapshot = MetricsSnapshot(
            requests: ["orders": ["200": 40, "429": 2], "shows/{id}/seats": ["network_error": 1]], requestSeconds: ["orders": 3.5],
            retries: ["orders": 2], skipped: [], skippedTotal: 3, tables: ["fact_qtickets_tickets": .init(rows: 1_234, retries: 1)],
            counters: ["orders": 700], phases: [:], elapsedSeconds: 12.5)
        return PrometheusExposition(
            organiser: organiser, snapshot: snapshot, runStartedAt: Date(timeIntervalSince1970: 1_750_000_000), inProgress: inProgress,
            lastRun: inProgress ? nil : .init(finishedAt: Date(timeIntervalSince1970: 1_750_000_013), succeeded: false, durationSeconds: 12.5),
            lastSuccessAt: inProgress ? nil : Date(timeIntervalSince1970: 1_749_990_000),
            coverage: inProgress ? nil : CoverageSummary(windows: [.init(from: Date(timeIntervalSince1970: 1_749_900_000), to: Date(timeIntervalSince1970: 1_750_000_000))]))
    }

    @Test func theTextfilePassesPromtoolsLintWithAnOrganiserLabelAndNoJobLabel() async throws {
        let text = exposition(inProgress: false).render(previous: nil)
        let lint = try await ExternalTool.run("promtool", ["check", "metrics"], input: text)
        #expect(lint.status == 0 && lint.all.isEmpty, "\(lint.all)")
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(samples.allSatisfy { $0.contains("{organiser=\"org \\\"one\\\"\"") }, "every series is labelled")
        #expect(!text.contains("job="))
        #expect(samples.contains("qtickets_ingest_last_run_success{organiser=\"org \\\"one\\\"\"} 0"))
        #expect(samples.contains("qtickets_ingest_api_requests_total{organiser=\"org \\\"one\\\"\",endpoint=\"orders\",status=\"429\"} 2"))
        #expect(samples.contains("qtickets_ingest_last_success_timestamp_seconds{organiser=\"org \\\"one\\\"\"} 1749990000"))
        #expect(samples.contains("qtickets_ingest_skipped_records_total{organiser=\"org \\\"one\\\"\"} 3"), "all skipped, not only those kept")
    }

    /// While a run is under way it cannot know the previous run's outcome: those gauges are
    /// carried over from the file it replaces; the counters are its own.
    @Test func aProgressTickCarriesThePreviousOutcomeOver() throws {
        let previous = exposition(inProgress: false).render(previous: nil)
        let tick = exposition(inProgress: true).render(previous: previous)
        for name in PrometheusExposition.carriedGauges {
            let line = previous.split(separator: "\n").first { $0.hasPrefix(name + "{") }
            #expect(line != nil && tick.contains(String(line ?? "") + "\n"), "\(name) carried over")
        }
        #expect(tick.contains("qtickets_ingest_run_in_progress{organiser=\"org \\\"one\\\"\"} 1"))
        // Another organiser's file is not carried over.
        let other = exposition(inProgress: true, organiser: "other").render(previous: previous)
        #expect(!other.contains("last_run_success{organiser=\"other\"}"))
    }

    @Test func theAlertRulesAreValid() async throws {
        let check = try await ExternalTool.run("promtool", ["check", "rules", "qtickets-ingest.rules.yml"], directory: Self.rules)
        #expect(check.status == 0, "\(check.all)")
        #expect(check.all.contains("SUCCESS: 5 rules found"))
    }

    /// No successful run for an hour, the last run failed, a coverage gap, retries climbing,
    /// the textfile missing: each fires when it should and stays quiet otherwise.
    @Test func theAlertRulesPassTheirUnitTests() async throws {
        let test = try await ExternalTool.run("promtool", ["test", "rules", "qtickets-ingest.rules.test.yml"], directory: Self.rules)
        #expect(test.status == 0, "\(test.all)")
        #expect(test.all.contains("SUCCESS"))
    }
}
