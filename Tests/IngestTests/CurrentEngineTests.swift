import ClickHouseHTTP
import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Issue 9.7: a current ClickHouse engine checks every statement. The same ingestion — a
/// backfill, then refunds, cancellations and new orders, then a 1-hour run — runs through the
/// ingester's own code against Debian's 18.16 and against ClickHouse 26.x's engine (chDB behind
/// `scripts/chdb-server.py`, started here on a free port): the schema, RowBinary inserts of
/// every table, the daily recompute (`FINAL`, staging, `REPLACE PARTITION`), the job-run reads
/// and the compaction. Every table's content must be equal between the two, and equal to the
/// fake's truth.
@Suite(.serialized) struct CurrentEngineTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 31, events: 6, maxShowsPerEvent: 3, orders: 800, maxTicketsPerOrder: 3, historyHours: 24 * 45)

    /// Columns that differ from run to run by design (run ids, wall-clock and server-clock
    /// stamps, versions, metrics). `window_to` is when the run's re-check began (its clock
    /// advances in real time), and a later run's `window_from` can follow from it (a catch-up).
    static let runSpecific: Set<String> = [
        "version", "snapshot_ts", "run_id", "started_at", "finished_at", "metrics", "tool_version", "window_from", "window_to",
        "updated_at", "claimed_at", "heartbeat_at",
        "lock_key",  // names the database, which the pool hands out per server
    ]

    struct Outcome: Equatable {
        var reports: [String]
        var tables: [String: [String]]
    }

    /// The scenario against one server; returns what the runs said and every table's content.
    func scenario(on server: ClickHouseTestEnvironment?) async throws -> Outcome {
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        return try await IngestHarness.with(organiser, clickHouse: server) { harness in
            let first = try await harness.run(sinceHours: 24 * 46, now: Self.generatedAt.addingTimeInterval(60))
            #expect(first.status == .ok, "\(first.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())

            let later = Self.generatedAt.addingTimeInterval(5 * 3_600)
            organiser.mutate(seed: 77, newOrders: 40, refunds: 40, cancellations: 20, now: later)
            await harness.fake.replaceOrganiser(organiser)
            let second = try await harness.run(sinceHours: 1, now: later.addingTimeInterval(60))
            #expect(second.status == .ok, "\(second.message)")
            try await expectEqualToTruth(harness, organiser.groundTruth())

            var tables: [String: [String]] = [:]
            for table in IngestSchema.tables {
                tables[table.name] = try await Self.contents(of: table, in: harness)
            }
            return Outcome(reports: [first, second].map { "\($0.status) \($0.rowsByTable.sorted { $0.key < $1.key })" }, tables: tables)
        }
    }

    @Test func theSameRunsEndEqualOn18_16AndOnTheCurrentEngine() async throws {
        let old = try await scenario(on: nil)
        let current = try await ChDBServer.with { chdb in
            let version = try await ChDBServer.version(chdb.environment)
            #expect(version >= ClickHouseVersion(24, 1), "chDB reports \(version)")
            return try await scenario(on: chdb.environment)
        }
        print("CurrentEngineTests: rows per table on 18.16 / the current engine: " + IngestSchema.tables.map { "\($0.name) \(old.tables[$0.name]?.count ?? 0)/\(current.tables[$0.name]?.count ?? 0)" }.joined(separator: ", "))
        #expect(old.reports == current.reports)
        for name in IngestSchema.tables.map(\.name) {
            let (a, b) = (old.tables[name] ?? [], current.tables[name] ?? [])
            #expect(!a.isEmpty, "\(name) is empty")
            #expect(a == b, "\(name) differs: 18.16 \(a.count) rows, current \(b.count); first difference: \(zip(a, b).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "in length")")
        }
    }

    /// Every column but the run-specific ones, rendered the same by both generations: dates as
    /// day numbers and date-times as epoch seconds, decimals as exact values (18.16 prints
    /// `1234.50`, 26.x `1234.5`).
    static func contents(of table: TableDefinition, in harness: IngestHarness) async throws -> [String] {
        let columns = table.columns.filter { !runSpecific.contains($0.name) }
        let select = columns.map { column -> String in
            let name = SQLQuoting.identifier(column.name)
            switch column.type {
            case .dateTime, .nullable(.dateTime): return "toUnixTimestamp(\(name)) AS \(name)"
            case .date: return "toUInt16(\(name)) AS \(name)"  // day 0: 18.16 prints 0000-00-00, 26.x 1970-01-01
            case .decimal: return "toString(\(name)) AS \(name)"
            default: return name
            }
        }
        let rows = try await harness.clickHouse.queryRows("SELECT \(select.joined(separator: ", ")) FROM \(harness.table(table.name)) FINAL")
        return rows.map { row in
            columns.map { column -> String in
                let value = row[column.name] ?? "NULL"
                if case .decimal = column.type, let exact = Decimal(string: value) { return exact.description }
                return value
            }.joined(separator: "\t")
        }.sorted()
    }
}

extension ChDBServer {
    static func version(_ environment: ClickHouseTestEnvironment) async throws -> ClickHouseVersion {
        let client = try environment.client()
        return try await withCleanup { try await client.serverVersion() } cleanup: { try await client.shutdown() }
    }
}
