import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// One run at a time per warehouse database and organiser: a second run exits 75 in one line
/// naming the holder, on one host (flock) and across hosts (the lease in ClickHouse); a dead
/// holder is taken over; `--wait-lock` queues.
@Suite(.serialized) struct RunLockTests {
    static let spec = OrganiserSpec(seed: 17, events: 6, maxShowsPerEvent: 2, orders: 3_000, maxTicketsPerOrder: 3, historyHours: 24 * 10)
    static let organiser = Organiser.generate(spec, now: Date())
    static let slow = FaultPlan(latencyMilliseconds: 100)

    func okRuns(_ harness: IngestHarness) async throws -> [String] {
        try await harness.clickHouse.queryRows(
            "SELECT run_id FROM \(harness.table("meta_job_runs")) FINAL WHERE status = 'ok' ORDER BY finished_at"
        ).compactMap { $0["run_id"] }
    }

    /// Two at once, on one host and (separate lock directories: the flock cannot see the
    /// other) as if on two hosts.
    @Test(arguments: [false, true])
    func twoRunsStartedTogetherOneExits75NamingTheOther(separateHosts: Bool) async throws {
        try await IngestHarness.with(Self.organiser, faults: Self.slow, settings: LockScenario.settings) { harness in
            let pids = (LockScenario.PID(), LockScenario.PID())
            let otherDirectory = harness.lockDirectory + ".second-host"
            defer { try? FileManager.default.removeItem(atPath: otherDirectory) }
            async let first = CommandRunner.run(harness.envFileArguments + LockScenario.arguments, whileRunning: { pids.0.set($0) })
            async let second = CommandRunner.run(
                harness.envFileArguments + LockScenario.arguments,
                environment: separateHosts ? ["INGEST_LOCK_DIR": otherDirectory] : [:], whileRunning: { pids.1.set($0) })
            let outputs = try await [first, second]

            #expect(Set(outputs.map(\.status)) == [0, IngestExitCode.lockBusy.rawValue], "\(outputs.map(\.stderr))")
            let loser = try #require(outputs.firstIndex { $0.status == IngestExitCode.lockBusy.rawValue })
            let winnerPID = loser == 0 ? pids.1.pid : pids.0.pid
            let lines = outputs[loser].stderr.split(separator: "\n")
            #expect(lines.count == 1, "one line: \(outputs[loser].stderr)")
            let line = String(lines.first ?? "")
            let winnerRun = try #require(try await okRuns(harness).first)
            #expect(line.contains("another run holds the lock of \(harness.database)/test-organiser"))
            #expect(line.contains("host \(MachineIdentity.current.host), pid \(winnerPID), run \(winnerRun), since "), "\(line)")
            // The loser wrote nothing: one run recorded, no claim of its own left live.
            #expect(try await harness.scalar("SELECT count() FROM \(harness.table("meta_job_runs")) FINAL") == "1")
            #expect(try await harness.scalar("SELECT countIf(released = 0) FROM \(harness.table("meta_ingest_lock")) FINAL") == "0")
        }
    }

    /// SIGKILL leaves the flock to the kernel and the claim unreleased; on the same machine the
    /// next run sees the holder's process is gone and takes over at once, saying so.
    @Test func aKilledHoldersLockIsTakenOverAndTheRunSaysSo() async throws {
        try await IngestHarness.with(Self.organiser, faults: Self.slow, settings: LockScenario.settings) { harness in
            let killed = LockScenario.PID()
            let holder = try await CommandRunner.run(harness.envFileArguments + LockScenario.arguments, whileRunning: { pid in
                killed.set(pid)
                try await LockScenario.waitUntilRunning(harness)
                kill(pid, SIGKILL)
            })
            #expect(holder.status != 0)
            #expect(try await harness.scalar("SELECT countIf(released = 0) FROM \(harness.table("meta_ingest_lock")) FINAL") == "1")

            await harness.fake.setFaults(.none)
            let next = try await CommandRunner.run(harness.envFileArguments + LockScenario.arguments)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stderr.contains("Took over the run lock from a holder that stopped"))
            #expect(next.stderr.contains("pid \(killed.pid)"))
            #expect(next.stderr.contains("its process is gone"))
            try await expectEqualToTruth(harness, Self.organiser.groundTruth())
        }
    }

    /// A holder on another host that stopped heartbeating blocks until its lease expires (the
    /// TTL), then the next run takes over and says so.
    @Test func anotherHostsStoppedHolderIsTakenOverAfterTheTTL() async throws {
        try await IngestHarness.with(Self.organiser, settings: ["INGEST_LOCK_TTL_SECONDS": "3"]) { harness in
            #expect(try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "1"]).status == 0)
            // Claimed a minute ago, heartbeating now (an earlier claim, still live).
            try await harness.clickHouse.execute("""
                INSERT INTO \(harness.table("meta_ingest_lock")) (lock_key, run_id, host, machine, pid, claimed_at, heartbeat_at, released, version)
                SELECT '\(harness.database)/test-organiser', 'run-on-b', 'host-b', 'machine-b', 4242, now() - 60, now(), 0, 1
                """)

            let blocked = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "1"])
            #expect(blocked.status == IngestExitCode.lockBusy.rawValue, "\(blocked.stderr)")
            #expect(blocked.stderr.contains("host host-b, pid 4242, run run-on-b, since "))

            try await Task.sleep(for: .seconds(4))  // past the TTL without a heartbeat
            let next = try await CommandRunner.run(harness.envFileArguments + ["--since-hours", "1"])
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stderr.contains("Took over the run lock from a holder that stopped"))
            #expect(next.stderr.contains("run-on-b"))
            #expect(try await harness.scalar("SELECT countIf(released = 0) FROM \(harness.table("meta_ingest_lock")) FINAL") == "0")
        }
    }

    /// A holder that finds its claim gone (released by a successor that judged it dead) stops:
    /// two runs must never write at once. Its run ends `error` and says why.
    @Test func aHolderThatLostItsLeaseStopsItself() async throws {
        try await IngestHarness.with(Self.organiser, faults: Self.slow, settings: LockScenario.settings.merging(["INGEST_LOCK_TTL_SECONDS": "3"]) { _, new in new }) { harness in
            async let report = harness.run(sinceHours: 300, now: Date())
            try await LockScenario.waitUntilRunning(harness)
            try await harness.clickHouse.execute("""
                INSERT INTO \(harness.table("meta_ingest_lock")) (lock_key, run_id, host, machine, pid, claimed_at, heartbeat_at, released, version)
                SELECT lock_key, run_id, host, machine, pid, claimed_at, heartbeat_at, 1, 4611686018427387904
                FROM \(harness.table("meta_ingest_lock")) FINAL WHERE released = 0
                """)
            let stopped = try await report
            #expect(stopped.status == .error)
            #expect(IngestExitCode(stopped) == .runFailed)
            #expect(stopped.message.contains("the run lock was lost"), "\(stopped.message)")
            let recorded = try await harness.scalar(
                "SELECT status, positionCaseInsensitive(message, 'lock was lost') > 0 FROM \(harness.table("meta_job_runs")) FINAL")
            #expect(recorded == "error\t1")
        }
    }

    /// `--wait-lock` queues behind the holder and runs after it; a wait that runs out exits 75
    /// and says how long it waited.
    @Test func waitLockQueuesBehindTheHolder() async throws {
        try await IngestHarness.with(Self.organiser, faults: Self.slow, settings: LockScenario.settings) { harness in
            let queued = LockScenario.PID()
            let gaveUp = LockScenario.PID()
            async let holder = CommandRunner.run(harness.envFileArguments + LockScenario.arguments)
            try await LockScenario.waitUntilRunning(harness)
            async let waiter = CommandRunner.run(
                harness.envFileArguments + ["--since-hours", "1", "--wait-lock", "120"], whileRunning: { queued.set($0) })
            async let impatient = CommandRunner.run(
                harness.envFileArguments + ["--since-hours", "1", "--wait-lock", "1"], whileRunning: { gaveUp.set($0) })
            let (first, second, third) = try await (holder, waiter, impatient)

            #expect(first.status == 0, "\(first.stderr)")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(third.status == IngestExitCode.lockBusy.rawValue, "\(third.stderr)")
            #expect(third.stderr.contains("(waited 1 s)"))
            // The waiter ran after the holder: its run is the later of the two, and it started
            // (its first log line) only once the holder had finished.
            let runs = try await okRuns(harness)
            #expect(runs.count == 2)
            let holderFinished = try #require(logTime(first.stderr, "QTickets API ingestion run finished"))
            let waiterStarted = try #require(logTime(second.stderr, "Starting QTickets API ingestion run"))
            #expect(holderFinished <= waiterStarted, "\(holderFinished) vs \(waiterStarted)")
        }
    }

    /// The timestamp that starts the log line containing `text` (swift-log's stream handler).
    func logTime(_ stderr: String, _ text: String) -> String? {
        stderr.split(separator: "\n").first { $0.contains(text) }.flatMap { $0.split(separator: " ").first.map(String.init) }
    }
}
