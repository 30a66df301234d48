import Foundation
import Synchronization
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// The built binary as operators run it, against the fake API and the real ClickHouse: JSON
/// logs, progress lines through a pipe, the Prometheus textfile, secrets from files.
@Suite(.serialized) struct OperationsCommandTests {
    static let spec = OrganiserSpec(seed: 21, events: 6, maxShowsPerEvent: 2, orders: 2_000, maxTicketsPerOrder: 3, historyHours: 24 * 10)
    /// A run of a few seconds: slow answers, a low request rate, a progress tick every second.
    static let slow = FaultPlan(latencyMilliseconds: 100)
    static let slowSettings = ["QTICKETS_API_RPS": "12", "QTICKETS_API_CONCURRENCY": "2", "INGEST_PROGRESS_SECONDS": "1"]
    /// Holds a run in its orders phase until the test has seen what it waits for: every orders
    /// request answered 429 (Retry-After 1 s) and retried, until ``release(_:)`` lifts it. A test
    /// process starved of CPU by a parallel suite then still observes the run under way.
    static let held = FaultPlan(routes: ["orders"], status429EveryN: 1, retryAfterSeconds: 1)
    static let heldSettings = slowSettings.merging(["QTICKETS_API_MAX_ATTEMPTS": "1000"]) { _, new in new }

    static func release(_ harness: IngestHarness) async { await harness.fake.setFaults(slow) }

    static let contractLines = ["Starting QTickets API ingestion run", "Fetched events/orders", "Transformed orders into sales rows", "QTickets API ingestion run finished"]

    static func files(_ harness: IngestHarness) -> [String] { ["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile] }

    @Test func jsonLogsAreOneObjectPerLineWithTheOperatorsMessages() async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date()), faults: Self.slow, settings: Self.slowSettings) { harness in
            let output = try await CommandRunner.run(Self.files(harness) + ["--since-hours", "300", "--log-format", "json"])
            #expect(output.status == 0, "\(output.stderr.suffix(2_000))")
            var messages: [String] = []
            for line in output.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                let object = try #require(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
                #expect(Set(object.keys) == ["time", "level", "label", "message", "metadata"], "\(line)")
                #expect((object["time"] as? String).flatMap { try? Date($0, strategy: .iso8601) } != nil || (object["time"] as? String)?.hasSuffix("Z") == true)
                #expect(object["label"] as? String == "qtickets-ingest")
                let message = try #require(object["message"] as? String)
                messages.append(message)
                if message == "Progress" {
                    let metadata = try #require(object["metadata"] as? [String: String])
                    #expect(Set(metadata.keys).isSuperset(of: ["phase", "pages", "orders", "rows", "rps", "retries", "eta"]))
                }
                if message == "QTickets API ingestion run finished" {
                    #expect((object["metadata"] as? [String: String])?["status"] == "ok")
                }
            }
            for expected in Self.contractLines { #expect(messages.contains(expected), "missing \(expected)") }
            #expect(messages.contains("Progress"), "a few seconds of run give progress lines")
            #expect(!output.all.contains(harness.token))
        }
    }

    /// The key does what the flag does, and a configuration error is a JSON line too when the
    /// flag asks for JSON.
    @Test func theLogFormatKeyAndAConfigurationErrorInJSON() async throws {
        let failed = try await CommandRunner.run(["--log-format", "json"], environment: ["INGEST_LOG_FORMAT": "json"])
        #expect(failed.status == IngestExitCode.configuration.rawValue)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(failed.stderr.utf8)) as? [String: Any])
        #expect((object["message"] as? String)?.contains("QTICKETS_API_BASE_URL is not set") == true)
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date())) { harness in
            let output = try await CommandRunner.run(Self.files(harness) + ["--since-hours", "2"], environment: ["INGEST_LOG_FORMAT": "json"])
            #expect(output.status == 0)
            #expect(output.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"time\":") })
        }
    }

    /// Under systemd or in a pipe: plain lines, no bar, no terminal control characters.
    @Test func progressThroughAPipeIsPlainLines() async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date()), faults: Self.slow, settings: Self.slowSettings) { harness in
            let output = try await CommandRunner.run(Self.files(harness) + ["--since-hours", "300"], environment: ["TERM": "xterm"])
            #expect(output.status == 0, "\(output.stderr.suffix(2_000))")
            let progress = output.stderr.split(separator: "\n").filter { $0.hasSuffix("[Ingest] Progress") }
            #expect(progress.count >= 2, "\(output.stderr)")
            for field in ["phase=", "pages=", "orders=", "rows=", "rps=", "retries=", "eta="] {
                #expect(progress.allSatisfy { $0.contains(field) }, "\(field) in every progress line")
            }
            #expect(progress.contains { $0.contains("phase=fetch_orders") })
            #expect(!output.stderr.contains("\r") && !output.stderr.contains("\u{1B}"))
        }
    }

    @Test func theTextfileIsUpdatedDuringAndAfterARunAndNeverByADryRun() async throws {
        let prom = FileManager.default.temporaryDirectory.appendingPathComponent("qtickets-\(UUID().uuidString).prom").path
        defer { try? FileManager.default.removeItem(atPath: prom) }
        var settings = Self.heldSettings
        settings["INGEST_PROM_FILE"] = prom
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date()), faults: Self.held, settings: settings) { harness in
            let label = "{organiser=\"test-organiser\"}"
            let seenDuringTheRun = SeenFlag()
            let output = try await CommandRunner.run(Self.files(harness) + ["--since-hours", "300"]) { _ in
                for _ in 0..<600 where !seenDuringTheRun.value {
                    let text = (try? String(contentsOfFile: prom, encoding: .utf8)) ?? ""
                    if text.contains("qtickets_ingest_run_in_progress\(label) 1") { seenDuringTheRun.set() }
                    try await Task.sleep(for: .milliseconds(100))
                }
                await Self.release(harness)
            }
            #expect(output.status == 0, "\(output.stderr.suffix(2_000))")
            #expect(seenDuringTheRun.value, "the textfile showed the run under way")
            let after = try String(contentsOfFile: prom, encoding: .utf8)
            #expect(after.contains("qtickets_ingest_run_in_progress\(label) 0"))
            #expect(after.contains("qtickets_ingest_last_run_success\(label) 1"))
            #expect(after.contains("qtickets_ingest_coverage_gap_seconds\(label) 0"))
            #expect(!after.contains("job="))
            let lint = try await ExternalTool.run("promtool", ["check", "metrics"], input: after)
            #expect(lint.status == 0 && lint.all.isEmpty, "\(lint.all)")
            let lastSuccess = try #require(Self.sample("qtickets_ingest_last_success_timestamp_seconds", in: after))

            // A failed run: success 0, the last success still the one before (from meta_job_runs).
            let failed = try await CommandRunner.run(
                Self.files(harness) + ["--since-hours", "2"],
                environment: ["QTICKETS_API_BASE_URL": "http://127.0.0.1:9/api/rest/v1", "QTICKETS_API_MAX_ATTEMPTS": "1"])
            #expect(failed.status == IngestExitCode.runFailed.rawValue)
            let afterFailure = try String(contentsOfFile: prom, encoding: .utf8)
            #expect(afterFailure.contains("qtickets_ingest_last_run_success\(label) 0"))
            #expect(Self.sample("qtickets_ingest_last_success_timestamp_seconds", in: afterFailure) == lastSuccess)

            // A dry run leaves the file as it was, byte for byte.
            let dry = try await CommandRunner.run(Self.files(harness) + ["--since-hours", "2", "--dry-run"], environment: ["INGEST_PROGRESS_SECONDS": "1"])
            #expect(dry.status == 0)
            #expect(try String(contentsOfFile: prom, encoding: .utf8) == afterFailure)
        }
    }

    @Test func secretsComeFromFilesAndBothSetIsRefused() async throws {
        try await IngestHarness.with(Organiser.generate(Self.spec, now: Date())) { harness in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let password = try ClickHouseTestEnvironment.load().password
            func stripped(_ path: String, _ name: String) throws -> String {
                let kept = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                    .filter { !$0.hasPrefix("QTICKETS_API_TOKEN=") && !$0.hasPrefix("CLICKHOUSE_PASSWORD=") }
                let copy = "\(directory)/\(name)"
                try kept.joined(separator: "\n").write(toFile: copy, atomically: true, encoding: .utf8)
                return copy
            }
            let files = ["--envfile", try stripped(harness.clickHouseEnvFile, "ch.env"), "--envfile", try stripped(harness.envFile, "api.env")]
            try (harness.token + "\n").write(toFile: "\(directory)/token", atomically: true, encoding: .utf8)
            try (password + "\n").write(toFile: "\(directory)/password", atomically: true, encoding: .utf8)
            let fromFiles = ["QTICKETS_API_TOKEN_FILE": "\(directory)/token", "CLICKHOUSE_PASSWORD_FILE": "\(directory)/password"]

            let output = try await CommandRunner.run(files + ["--since-hours", "24"], environment: fromFiles)
            #expect(output.status == 0, "\(output.stderr.suffix(2_000))")
            #expect(!output.stderr.contains("Configuration warning"), "no env file holds a secret")
            #expect(try await harness.scalar("SELECT status FROM \(harness.table("meta_job_runs")) FINAL") == "ok")

            var both = fromFiles
            both["QTICKETS_API_TOKEN"] = harness.token
            let refused = try await CommandRunner.run(files, environment: both)
            #expect(refused.status == IngestExitCode.configuration.rawValue)
            #expect(refused.stderr.contains("both QTICKETS_API_TOKEN and QTICKETS_API_TOKEN_FILE are set"))
            #expect(!refused.all.contains(harness.token))
        }
    }

    @Test func theVersionSaysADevelopmentBuildIsOne() async throws {
        let output = try await CommandRunner.run(["--version"])
        #expect(output.stdout == "0.1.0 (development build)\n")
    }

    /// The value of an organiser-labelled sample in a textfile.
    static func sample(_ name: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(name + "{") }?.split(separator: " ").last.map(String.init)
    }
}

/// A flag the polling closure sets (it is `@Sendable`).
final class SeenFlag: Sendable {
    private let flag = Mutex(false)
    var value: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}
