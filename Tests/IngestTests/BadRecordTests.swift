import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Issue 9.1: one bad record never stops the run. The fake serves real bad values inside
/// otherwise good pages; the run skips each such order whole, names it, lands everything else
/// (the warehouse equals the truth without those orders) and ends `error`.
@Suite(.serialized) struct BadRecordTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 23, events: 6, maxShowsPerEvent: 3, orders: 600, maxTicketsPerOrder: 3, historyHours: 24 * 12)

    func backfill(_ organiser: Organiser, _ faults: FaultPlan, _ check: (IngestHarness, RunReport) async throws -> Void) async throws {
        try await IngestHarness.with(organiser, faults: faults) { harness in
            let report = try await harness.run(sinceHours: 24 * 13, now: Self.generatedAt.addingTimeInterval(60))
            try await check(harness, report)
        }
    }

    /// Sold orders spread over the history, one per kind of bad value.
    static func victims(_ organiser: Organiser, count: Int) -> [Int] {
        let sold = organiser.orders.filter { order in order.baskets.contains { order.isSold($0) } }
        return (0..<count).map { sold[($0 * 37 + 5) % sold.count].id }
    }

    @Test func eachKindOfBadRecordIsSkippedNamedAndEverythingElseLands() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let kinds = FaultPlan.BadRecord.allCases
        let chosen = Dictionary(uniqueKeysWithValues: zip(Self.victims(organiser, count: kinds.count), kinds))
        try await backfill(organiser, FaultPlan(badRecords: chosen)) { harness, report in
            #expect(report.status == .error)
            #expect(report.message.contains("\(chosen.count) malformed record(s) skipped"), "\(report.message)")
            // Every id that could be read is named (the one past Int64 cannot be: it fails decoding).
            for (id, kind) in chosen where kind != .idBeyondInt64 {
                #expect(report.message.contains(String(id)), "\(kind) on order \(id) not named: \(report.message)")
                #expect(report.metrics.skipped.contains { $0.id == id && $0.endpoint == "orders" })
            }
            #expect(report.metrics.skippedTotal == chosen.count)
            #expect(await harness.fake.stats().badRecordsServed >= chosen.count)
            let recorded = try await harness.scalar("SELECT status, message FROM \(harness.table("meta_job_runs")) FINAL WHERE run_id = '\(report.runID)'")
            #expect(recorded.hasPrefix("error\t\(chosen.count) malformed record(s) skipped"))
            // Nothing was clamped into a colliding key, and every other order landed exactly.
            #expect(try await harness.scalar("SELECT countIf(ticket_id = 0 OR order_id = 0 OR show_id = 0) FROM \(harness.table("fact_qtickets_tickets"))") == "0")
            let orders = try await harness.scalar("SELECT uniqExact(order_id) FROM \(harness.table("fact_qtickets_tickets")) FINAL")
            #expect(orders == String(organiser.orders.count - chosen.count))
            try await expectEqualToTruth(harness, organiser.groundTruth(excludingOrders: Set(chosen.keys)))
        }
    }

    /// A source that sends garbage for many orders: the run still lands the rest, and what it
    /// keeps about the skipped ones stays bounded (the first 50 and a total).
    @Test func theSkippedListIsBoundedWhileTheCountIsExact() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let ids = Array(Set(organiser.orders.map(\.id).filter { $0 % 5 == 0 }))
        #expect(ids.count > RunMetrics.skippedKept)
        let plan = FaultPlan(badRecords: Dictionary(uniqueKeysWithValues: ids.map { ($0, FaultPlan.BadRecord.threeDecimalPrice) }))
        try await backfill(organiser, plan) { harness, report in
            #expect(report.status == .error)
            #expect(report.metrics.skippedTotal == ids.count)
            #expect(report.metrics.skipped.count == RunMetrics.skippedKept)
            #expect(report.metrics.skipped.allSatisfy { $0.reason.contains("more than two decimals") })
            #expect(report.message.hasPrefix("\(ids.count) malformed record(s) skipped"))
            try await expectEqualToTruth(harness, organiser.groundTruth(excludingOrders: Set(ids)))
        }
    }
}
