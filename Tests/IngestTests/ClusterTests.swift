import ClickHouseHTTP
import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// The ingester on a replicated cluster (`CLICKHOUSE_CLUSTER`): two ClickHouse 18.16 replicas
/// and one ZooKeeper from `scripts/cluster.sh`, runs pinned to replica 1. Every number is read
/// from **each** replica (after `SYSTEM SYNC REPLICA` there) and compared with the fake's truth.
/// Runs only when `QT_CLUSTER_ENV` names the cluster (`scripts/test.sh` does, as its own step,
/// with `QT_CLICKHOUSE_ENV` set to the same file so the harness leases the cluster's databases).
/// The ZooKeeper outage comes last: after ZooKeeper restarts, 18.16 hangs column ALTERs until
/// the servers restart (the ingester sends none, but a later test might).
@Suite(.serialized, .enabled(if: ClusterTestEnvironment.isConfigured, "QT_CLUSTER_ENV names a cluster of scripts/cluster.sh"))
struct ClusterTests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 23, events: 8, maxShowsPerEvent: 3, orders: 1_500, maxTicketsPerOrder: 4, historyHours: 24 * 40)
    static let backfillHours = 24 * 41
    /// Slow pages (with ``LockScenario/settings``): a backfill takes several seconds, long
    /// enough to stop a server in the middle.
    static let slow = FaultPlan(latencyMilliseconds: 100)
    static let slowSettings = LockScenario.settings

    func runNow(after date: Date) -> Date { date.addingTimeInterval(60) }

    @Test func aBackfillAndAFifteenMinuteRunWithRefundsAreExactOnEachReplica() async throws {
        let cluster = try ClusterTestEnvironment.load()
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser) { harness in
            let backfill = try await harness.run(sinceHours: Self.backfillHours, now: runNow(after: Self.generatedAt))
            #expect(backfill.status == .ok, "\(backfill.message)")
            try await expectEachReplicaEqualsTruth(harness, organiser.groundTruth(), cluster)

            let later = Self.generatedAt.addingTimeInterval(15 * 60)
            organiser.mutate(seed: 31, newOrders: 40, refunds: 30, cancellations: 15, now: later)
            await harness.fake.replaceOrganiser(organiser)
            let run = try await harness.run(sinceHours: 1, now: runNow(after: later))
            #expect(run.status == .ok, "\(run.message)")
            try await expectEachReplicaEqualsTruth(harness, organiser.groundTruth(), cluster)

            try await cluster.withReplicaClients { replicas in
                for replica in replicas {
                    // Every table replicated at its own path, on both replicas; no staging table left.
                    let tables = try await replica.queryRows("""
                        SELECT table, zookeeper_path, total_replicas, active_replicas FROM system.replicas
                        WHERE database = \(SQLQuoting.stringLiteral(harness.database)) ORDER BY table
                        """)
                    #expect(tables.compactMap { $0["table"] } == IngestSchema.tables.map(\.name).sorted())
                    #expect(tables.allSatisfy { $0["zookeeper_path"] == "/clickhouse/tables/01/\(harness.database)/\($0["table"] ?? "")" })
                    #expect(tables.allSatisfy { $0["total_replicas"] == "2" && $0["active_replicas"] == "2" }, "\(tables)")
                    #expect(try await stagingTables(harness, replica) == 0)
                    let runs = try await replica.query(
                        "SELECT run_id, status FROM \(harness.table("meta_job_runs")) FINAL ORDER BY started_at FORMAT TSV")
                    // The backfill is one row per slice (`<run id>-<n>`), then the 15-minute run.
                    let rows = runs.split(separator: "\n").map(String.init)
                    #expect(rows.last == "\(run.runID)\tok", "\(runs)")
                    #expect(rows.count >= 2 && rows.dropLast().allSatisfy { $0.hasPrefix("\(backfill.runID)-") && $0.hasSuffix("\tok") }, "\(runs)")
                }
            }
        }
    }

    @Test func twoRunsStartedAtOnceAgainstTheTwoReplicasOneRunsAndTheOtherExits75NamingTheHolder() async throws {
        let cluster = try ClusterTestEnvironment.load()
        let organiser = Organiser.generate(Self.spec, now: Date())
        try await IngestHarness.with(organiser, faults: Self.slow, settings: Self.slowSettings) { harness in
            let pids = (LockScenario.PID(), LockScenario.PID())
            // A second host: its own lock directory (the flock cannot see the first) and replica 2.
            let otherDirectory = harness.lockDirectory + ".second-host"
            defer { try? FileManager.default.removeItem(atPath: otherDirectory) }
            let secondHost = ["--envfile", cluster.replicas[1].envFile, "--envfile", harness.envFile]
            async let first = CommandRunner.run(harness.envFileArguments + LockScenario.arguments, whileRunning: { pids.0.set($0) })
            async let second = CommandRunner.run(
                secondHost + LockScenario.arguments, environment: ["INGEST_LOCK_DIR": otherDirectory], whileRunning: { pids.1.set($0) })
            let outputs = try await [first, second]

            #expect(Set(outputs.map(\.status)) == [0, IngestExitCode.lockBusy.rawValue], "\(outputs.map(\.stderr))")
            let loser = try #require(outputs.firstIndex { $0.status == IngestExitCode.lockBusy.rawValue })
            let winnerPID = loser == 0 ? pids.1.pid : pids.0.pid
            let line = outputs[loser].stderr.split(separator: "\n").first.map(String.init) ?? ""
            #expect(line.contains("another run holds the lock of \(harness.database)/test-organiser"), "\(line)")
            #expect(line.contains("pid \(winnerPID), run "), "\(line)")
            try await cluster.withReplicaClients { replicas in
                for (index, replica) in replicas.enumerated() {
                    try await cluster.syncReplica(index, database: harness.database)
                    #expect(try await replica.query("SELECT count() FROM \(harness.table("meta_job_runs")) FINAL FORMAT TSV") == "1\n")
                    #expect(try await replica.query(
                        "SELECT countIf(released = 0) FROM \(harness.table("meta_ingest_lock")) FINAL FORMAT TSV") == "0\n")
                }
            }
        }
    }

    @Test func aReplicaStoppedDuringARunCatchesUpAndEqualsTheTruth() async throws {
        let cluster = try ClusterTestEnvironment.load()
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        // One window, not slices: the replica stops while that one run is fetching.
        let settings = Self.slowSettings.merging(["INGEST_SLICE_DAYS": "90"]) { $1 }
        // Pages of a second: the fetch outlasts stopping the replica (a few seconds) by far.
        try await IngestHarness.with(organiser, faults: FaultPlan(latencyMilliseconds: 1_000), settings: settings) { harness in
            try await withCleanup {
                async let report = harness.run(sinceHours: Self.backfillHours, now: runNow(after: Self.generatedAt))
                try await LockScenario.waitUntilRunning(harness)
                try await cluster.control("stop-replica", "2")
                let servedBeforeTheStop = await harness.fake.stats().totalRequests
                let finished = try await report
                #expect(finished.status == .ok, "\(finished.message)")
                #expect(await harness.fake.stats().totalRequests > servedBeforeTheStop, "the run went on after replica 2 stopped")
            } cleanup: {
                try await cluster.control("start-replica", "2")
            }
            try await expectEachReplicaEqualsTruth(harness, organiser.groundTruth(), cluster)
            try await cluster.withReplicaClients { replicas in
                for replica in replicas {
                    let runs = try await replica.query("SELECT status FROM \(harness.table("meta_job_runs")) FINAL FORMAT TSV")
                    // One row per slice of the backfill, each `ok`.
                    #expect(!runs.isEmpty && runs.split(separator: "\n").allSatisfy { $0 == "ok" },
                            "the run's final rows, written while replica 2 was down, reached both: \(runs)")
                }
            }
        }
    }

    /// While ZooKeeper is down the replicated tables are read-only (Code 242): the run fails,
    /// its staging tables are dropped (they are local), and its final `meta_job_runs` row
    /// cannot be written either, so its `running` row stays without an end and the coverage
    /// still ends at the last successful window; the next run repairs everything from there.
    /// Its lock claim could not be released either: a short TTL lets it expire (in production
    /// the failed run's process is gone, and the next run on its host takes over at once; here
    /// the run ran inside the test's own, still living, process).
    @Test func aZooKeeperOutageDuringARunIsAFailureAndTheNextRunRepairsEverything() async throws {
        let cluster = try ClusterTestEnvironment.load()
        var organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        let settings = Self.slowSettings.merging(["CLICKHOUSE_MAX_ATTEMPTS": "2", "INGEST_LOCK_TTL_SECONDS": "6"]) { $1 }
        try await IngestHarness.with(organiser, settings: settings) { harness in
            let backfill = try await harness.run(sinceHours: Self.backfillHours, now: runNow(after: Self.generatedAt))
            #expect(backfill.status == .ok, "\(backfill.message)")

            let later = Self.generatedAt.addingTimeInterval(15 * 60)
            organiser.mutate(seed: 41, newOrders: 300, refunds: 60, cancellations: 20, now: later)
            await harness.fake.replaceOrganiser(organiser)
            await harness.fake.setFaults(Self.slow)
            let failed = try await withCleanup {
                async let report = harness.run(sinceHours: 1, now: runNow(after: later))
                try await waitUntilRunRows(harness, count: 2)
                try await cluster.control("stop-zookeeper")
                return try await report
            } cleanup: {
                try await cluster.control("start-zookeeper")
            }
            #expect(failed.status != .ok)
            #expect(IngestExitCode(failed) != .ok)
            try await cluster.waitUntilWritable(database: harness.database)
            try await cluster.withReplicaClients { replicas in
                for replica in replicas {
                    let staging = try await stagingTables(harness, replica)
                    #expect(staging == 0)
                }
            }

            await harness.fake.setFaults(.none)
            try await Task.sleep(for: .seconds(6))  // the failed run's unreleased claim expires
            let repair = try await harness.run(sinceHours: 1, now: runNow(after: later.addingTimeInterval(15 * 60)))
            #expect(repair.status == .ok, "\(repair.message)")
            try await expectEachReplicaEqualsTruth(harness, organiser.groundTruth(), cluster)
        }
    }

    /// The staging tables of the harness's database on `replica`.
    func stagingTables(_ harness: IngestHarness, _ replica: ClickHouseClient) async throws -> Int {
        let text = try await replica.query(
            "SELECT count() FROM system.tables WHERE database = \(SQLQuoting.stringLiteral(harness.database)) AND name LIKE '%\\_stage\\_%' FORMAT TSV")
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Waits until `count` runs have written their `meta_job_runs` row (the last one `running`).
    func waitUntilRunRows(_ harness: IngestHarness, count: Int) async throws {
        for _ in 0..<300 {
            let rows = try? await harness.scalar("SELECT uniqExact(run_id) FROM \(harness.table("meta_job_runs"))")
            if let rows, Int(rows) ?? 0 >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Both replicas, each synced first, equal the truth.
    func expectEachReplicaEqualsTruth(
        _ harness: IngestHarness, _ truth: GroundTruth, _ cluster: ClusterTestEnvironment, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await cluster.withReplicaClients { replicas in
            for (index, replica) in replicas.enumerated() {
                try await cluster.syncReplica(index, database: harness.database)
                try await expectEqualToTruth(harness, truth, from: replica, sourceLocation: sourceLocation)
            }
        }
    }
}
