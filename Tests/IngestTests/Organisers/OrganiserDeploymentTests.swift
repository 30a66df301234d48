import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// `--organisers DIR` through the real binary: three fake APIs (one token each), three
/// databases in the real ClickHouse, one process.
@Suite(.serialized) struct OrganiserDeploymentTests {
    static let names = ["alpha", "beta", "gamma"]

    /// Three small organisers, different data each (seeds), generated now: the run is a real
    /// process reading the real clock.
    static func members(_ change: (inout OrganiserDeployment.Member) -> Void = { _ in }) -> [OrganiserDeployment.Member] {
        names.enumerated().map { index, name in
            let spec = OrganiserSpec(
                seed: UInt64(31 + index), events: 4 + index, maxShowsPerEvent: 3, orders: 250 + 50 * index, maxTicketsPerOrder: 3,
                historyHours: 24 * 10)
            var member = OrganiserDeployment.Member(name: name, organiser: Organiser.generate(spec, now: Date()))
            change(&member)
            return member
        }
    }

    @Test func threeOrganisersLoadEachIntoItsOwnDatabaseExactly() async throws {
        try await OrganiserDeployment.with(Self.members()) { deployment in
            let output = try await CommandRunner.run(deployment.arguments + ["--since-hours", "720"])
            #expect(output.status == 0, "\(output.stderr)")
            var sold = 0
            for name in Self.names {
                let harness = deployment.harness(name)
                let truth = await harness.fake.groundTruth()
                try await expectEqualToTruth(harness, truth)
                #expect(truth.sales.count > 10, "\(name): something to compare")
                sold += truth.sales.values.reduce(0) { $0 + $1.ticketsSold }
                // Its own meta_job_runs: one run, ok.
                let runs = try await harness.scalar("SELECT count(), any(status) FROM \(harness.table("meta_job_runs")) FINAL WHERE job = 'qtickets_api'")
                #expect(runs == "1\tok", "\(name)")
                // Every line of its run carries its name; its summary says where it went.
                let lines = output.stderr.split(separator: "\n")
                #expect(lines.contains { $0.contains("organiser=\(name)") && $0.contains("Starting QTickets API ingestion run") })
                #expect(lines.contains { $0.contains("organiser=\(name)") && $0.contains("QTickets API ingestion run finished") })
                #expect(lines.contains {
                    $0.contains("Organiser run summary") && $0.contains("organiser=\(name)") && $0.contains("database=\(harness.database)")
                        && $0.contains("status=ok")
                })
                #expect(!output.all.contains(harness.token))
                // Its own Prometheus file, labelled with its name.
                let metrics = try String(contentsOfFile: deployment.prometheusFile(of: name), encoding: .utf8)
                #expect(metrics.contains("qtickets_ingest_last_run_success{organiser=\"\(name)\"} 1"))
                #expect(!Self.names.filter { $0 != name }.contains { metrics.contains("organiser=\"\($0)\"") })
            }
            #expect(output.stderr.contains("All organisers finished") && output.stderr.contains("failed=0"))
            #expect(!FileManager.default.fileExists(atPath: deployment.prometheusFile), "only the organisers' files")
            try await expectCrossOrganiserQuery(deployment, sold: sold)

            // `status --organisers`: one healthy block per organiser.
            let status = try await CommandRunner.run(["status"] + deployment.arguments)
            #expect(status.status == 0, "\(status.all)")
            for name in Self.names {
                #expect(status.stdout.contains("organiser \(name), database \(deployment.harness(name).database)"))
            }
        }
    }

    /// The README's cross-organiser query on 18.16 (no `merge()` across databases there): a
    /// UNION ALL over the organisers' databases.
    func expectCrossOrganiserQuery(_ deployment: OrganiserDeployment, sold: Int) async throws {
        let parts = Self.names.map { name in
            let harness = deployment.harness(name)
            return "SELECT '\(name)' AS organiser, tickets_sold FROM \(harness.table("fact_qtickets_sales_daily")) FINAL"
        }
        let any = deployment.harness(Self.names[0])
        let total = try await any.scalar("SELECT uniqExact(organiser), sum(tickets_sold) FROM (\(parts.joined(separator: " UNION ALL ")))")
        #expect(total == "3\t\(sold)")
    }

    @Test func oneOrganisersAPIDownLeavesTheOtherTwoExact() async throws {
        let members = Self.members { member in
            guard member.name == "beta" else { return }
            member.faults = FaultPlan(status503EveryN: 1)
            member.settings["QTICKETS_API_MAX_ATTEMPTS"] = "2"
        }
        try await OrganiserDeployment.with(members) { deployment in
            // Two at a time: gamma starts when alpha or beta has finished.
            let output = try await CommandRunner.run(deployment.arguments + ["--since-hours", "720", "--organiser-concurrency", "2"])
            #expect(output.status == IngestExitCode.runFailed.rawValue, "\(output.stderr)")
            for name in ["alpha", "gamma"] {
                let harness = deployment.harness(name)
                try await expectEqualToTruth(harness, await harness.fake.groundTruth())
            }
            let beta = deployment.harness("beta")
            let recorded = try await beta.scalar("SELECT status, message != '' FROM \(beta.table("meta_job_runs")) FINAL WHERE job = 'qtickets_api'")
            #expect(recorded == "error\t1")
            let lines = output.stderr.split(separator: "\n")
            #expect(lines.contains { $0.contains("Organiser run summary") && $0.contains("organiser=beta") && $0.contains("status=error") })
            #expect(lines.contains { $0.contains("All organisers finished") && $0.contains("failed_organisers=beta") })
            let metrics = try String(contentsOfFile: deployment.prometheusFile(of: "beta"), encoding: .utf8)
            #expect(metrics.contains("qtickets_ingest_last_run_success{organiser=\"beta\"} 0"))

            // The deployment's health check names the failing organiser and fails.
            let status = try await CommandRunner.run(["status"] + deployment.arguments)
            #expect(status.status != 0)
            #expect(status.stdout.contains("organiser beta"))
        }
    }

    /// SIGTERM stops the runs under way (each recorded as interrupted in its database) and
    /// starts no other: the organiser still queued has no database at all.
    @Test func aSignalInterruptsTheRunningOrganisersAndStartsNoOther() async throws {
        let members = Self.members { member in
            member.organiser = Organiser.generate(
                OrganiserSpec(seed: 5, events: 6, maxShowsPerEvent: 2, orders: 3_000, maxTicketsPerOrder: 3, historyHours: 24 * 10), now: Date())
            member.faults = FaultPlan(latencyMilliseconds: 150)
            member.settings.merge(["QTICKETS_API_RPS": "6", "QTICKETS_API_CONCURRENCY": "2"]) { _, new in new }
        }
        try await OrganiserDeployment.with(members) { deployment in
            let running = ["alpha", "beta"].map { deployment.harness($0) }
            let output = try await CommandRunner.run(
                deployment.arguments + ["--since-hours", "300", "--organiser-concurrency", "2"],
                whileRunning: { pid in
                    for _ in 0..<300 {
                        var started = 0
                        for harness in running {
                            let rows = try? await harness.scalar("SELECT count() FROM \(harness.table("meta_job_runs")) WHERE status = 'running'")
                            if rows == "1" { started += 1 }
                        }
                        if started == running.count { break }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    kill(pid, SIGTERM)
                })
            #expect(output.status == IngestExitCode.interrupted.rawValue, "\(output.stderr.suffix(2_000))")
            for harness in running {
                let recorded = try await harness.scalar(
                    "SELECT status, positionCaseInsensitive(message, 'interrupted') > 0 FROM \(harness.table("meta_job_runs")) FINAL")
                #expect(recorded == "error\t1")
            }
            let gamma = deployment.harness("gamma")
            #expect(await gamma.fake.stats().totalRequests == 0)
            #expect(try await gamma.scalar("SELECT count() FROM system.databases WHERE name = '\(gamma.database)'") == "0")
            #expect(output.stderr.split(separator: "\n").contains {
                $0.contains("Organiser run summary") && $0.contains("organiser=gamma") && $0.contains("exit_code=130")
            })
        }
    }

    @Test func twoOrganisersNamingOneDatabaseIsAConfigurationErrorBeforeAnyWrite() async throws {
        try await OrganiserDeployment.with(Array(Self.members().prefix(2))) { deployment in
            // beta's file now names alpha's database.
            let alpha = deployment.harness("alpha")
            let betaFile = deployment.directory + "/beta.env"
            try (try String(contentsOfFile: betaFile, encoding: .utf8) + "\nCLICKHOUSE_DB=\(alpha.database)\n")
                .write(toFile: betaFile, atomically: true, encoding: .utf8)
            let output = try await CommandRunner.run(deployment.arguments + ["--since-hours", "24"])
            #expect(output.status == IngestExitCode.configuration.rawValue)
            #expect(output.stderr.contains("CLICKHOUSE_DB=\(alpha.database)") && output.stderr.contains("beta.env") && output.stderr.contains("alpha.env"))
            #expect(output.stderr.split(separator: "\n").count == 1, "one clear line: \(output.stderr)")
            for name in ["alpha", "beta"] {
                let harness = deployment.harness(name)
                #expect(await harness.fake.stats().totalRequests == 0)
                #expect(try await harness.scalar("SELECT count() FROM system.databases WHERE name = '\(harness.database)'") == "0")
            }
        }
    }

    @Test func aMissingKeyInOneOrganisersFileNamesTheFileAndRunsNobody() async throws {
        try await OrganiserDeployment.with(Array(Self.members().prefix(2))) { deployment in
            let betaFile = deployment.directory + "/beta.env"
            let kept = try String(contentsOfFile: betaFile, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("QTICKETS_API_TOKEN=") }
            try kept.joined(separator: "\n").write(toFile: betaFile, atomically: true, encoding: .utf8)
            let output = try await CommandRunner.run(deployment.arguments + ["--since-hours", "24"])
            #expect(output.status == IngestExitCode.configuration.rawValue)
            #expect(output.stderr.contains("beta.env") && output.stderr.contains("QTICKETS_API_TOKEN"), "\(output.stderr)")
            #expect(await deployment.harness("alpha").fake.stats().totalRequests == 0, "nobody runs")
        }
    }

    @Test func aDryRunOfTheDeploymentWritesNoDatabaseAndNoMetricsFile() async throws {
        try await OrganiserDeployment.with(Array(Self.members().prefix(2))) { deployment in
            let output = try await CommandRunner.run(deployment.arguments + ["--since-hours", "720", "--dry-run", "--log-format", "json"])
            #expect(output.status == 0, "\(output.stderr)")
            for name in ["alpha", "beta"] {
                let harness = deployment.harness(name)
                // JSON logs carry the organiser in the metadata of every line of its run.
                #expect(output.stderr.contains("\"message\":\"Starting QTickets API ingestion run\",\"metadata\":{"))
                let started = output.stderr.split(separator: "\n").filter { $0.contains("\"message\":\"Starting QTickets API ingestion run\"") }
                #expect(started.contains { $0.contains("\"organiser\":\"\(name)\"") })
                #expect(output.stdout.contains("== organiser \(name) (database \(harness.database)) =="))
                #expect(await harness.fake.stats().totalRequests > 0, "it fetched")
                #expect(try await harness.scalar("SELECT count() FROM system.databases WHERE name = '\(harness.database)'") == "0")
                #expect(!FileManager.default.fileExists(atPath: deployment.prometheusFile(of: name)))
            }
        }
    }
}
