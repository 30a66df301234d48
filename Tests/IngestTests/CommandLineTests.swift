import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// The command as operators run it: flags, env files, exit codes, log lines, and secrets that
/// never show.
@Suite(.serialized) struct CommandLineTests {
    static let spec = OrganiserSpec(seed: 11, events: 6, maxShowsPerEvent: 3, orders: 400, maxTicketsPerOrder: 3, historyHours: 24 * 10)

    @Test(arguments: ["QTICKETS_API_BASE_URL", "QTICKETS_API_TOKEN", "CLICKHOUSE_HOST", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD", "CLICKHOUSE_DB"])
    func aMissingKeyStopsBeforeAnyRequest(key: String) async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date())) { harness in
            // Both files, with the key taken out of whichever holds it.
            let files = try [harness.clickHouseEnvFile, harness.envFile].map { path in
                let kept = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix(key + "=") }
                let copy = path + ".without-\(key)"
                try kept.joined(separator: "\n").write(toFile: copy, atomically: true, encoding: .utf8)
                return copy
            }
            let output = try await CommandRunner.run(["--envfile", files[0], "--envfile", files[1], "--since-hours", "24"])
            #expect(output.status == IngestExitCode.configuration.rawValue)
            #expect(output.stderr.contains(key))
            #expect(output.stderr.split(separator: "\n").count == 1, "one clear line: \(output.stderr)")
            #expect(await harness.fake.stats().totalRequests == 0)
            #expect(try await harness.scalar("SELECT count() FROM system.databases WHERE name = '\(harness.database)'") == "0")
        }
    }

    /// 64 (`EX_USAGE`) is swift-argument-parser's own exit code, before any configuration is read.
    @Test func aBadCommandLineExits64AndSaysWhy() async throws {
        let output = try await CommandRunner.run(["--since-hours", "0"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--since-hours"))
    }

    @Test func aRealRunLogsTheContractLinesAndNoSecrets() async throws {
        let prom = FileManager.default.temporaryDirectory.appendingPathComponent("qtickets-\(UUID().uuidString).prom").path
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date()), settings: ["INGEST_PROM_FILE": prom]) { harness in
            let password = try ClickHouseTestEnvironment.load().password

            let output = try await CommandRunner.run(["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile, "--since-hours", "720", "--verbose"])
            #expect(output.status == 0, "\(output.stderr)")
            for line in ["Starting QTickets API ingestion run", "Fetched events/orders", "Transformed orders into sales rows", "QTickets API ingestion run finished"] {
                #expect(output.stderr.contains(line), "missing log line: \(line)")
            }
            #expect(!output.all.contains(harness.token))
            #expect(!output.all.contains(password))
            let stored = try await harness.clickHouse.query("SELECT * FROM \(harness.table("meta_job_runs")) FORMAT TSV")
            #expect(stored.contains("\tok\t"))
            #expect(!stored.contains(harness.token) && !stored.contains(password))
            // The Prometheus textfile says the same as the run.
            let text = try String(contentsOfFile: prom, encoding: .utf8)
            #expect(text.contains("qtickets_ingest_last_run_success{organiser=\"test-organiser\"} 1"))
            #expect(text.contains("qtickets_ingest_rows_written_total{organiser=\"test-organiser\",table=\"fact_qtickets_tickets\"}"))
            try? FileManager.default.removeItem(atPath: prom)
            // No personal data reaches the warehouse.
            let tickets = try await harness.clickHouse.query("SELECT * FROM \(harness.table("fact_qtickets_tickets")) LIMIT 1000 FORMAT TSV")
            #expect(!tickets.contains("@"), "an email address in the ticket table")
        }
    }

    @Test func aDeadAPIFailsTheRunAndRecordsIt() async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date())) { harness in
            let password = try ClickHouseTestEnvironment.load().password
            let output = try await CommandRunner.run(
                ["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile, "--since-hours", "24"],
                environment: ["QTICKETS_API_BASE_URL": "http://127.0.0.1:9/api/rest/v1", "QTICKETS_API_MAX_ATTEMPTS": "2"]
            )
            #expect(output.status == IngestExitCode.runFailed.rawValue)
            #expect(output.stderr.contains("QTickets API ingestion run finished"))
            #expect(!output.all.contains(harness.token) && !output.all.contains(password))
            let status = try await harness.scalar("SELECT status, message != '' FROM \(harness.table("meta_job_runs")) FINAL")
            #expect(status == "error\t1")
        }
    }

    @Test func aWrongTokenFailsFastWithoutLeakingIt() async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date())) { harness in
            let wrong = "wrong-token-\(UUID().uuidString)"
            let output = try await CommandRunner.run(
                ["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile],
                environment: ["QTICKETS_API_TOKEN": wrong]
            )
            #expect(output.status == IngestExitCode.runFailed.rawValue)
            #expect(output.stderr.lowercased().contains("token"))
            #expect(!output.all.contains(wrong))
            #expect(await harness.fake.stats().totalRequests <= 2, "a rejected token is not retried")
        }
    }
}
