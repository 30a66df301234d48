import Foundation
import Testing
@testable import Ingest

@Suite struct IngestConfigurationTests {
    static let complete = """
        QTICKETS_API_BASE_URL=https://qtickets.ru/api/rest/v1/
        QTICKETS_API_TOKEN=tok-SECRET-123
        CLICKHOUSE_HOST=https://ch.example:8443
        CLICKHOUSE_USER=etl_writer
        CLICKHOUSE_PASSWORD=pw-SECRET-456
        CLICKHOUSE_DB=zakaz
        """

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).env").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func loadsDefaultsAndPrecedence() throws {
        let first = try write(Self.complete + "\nQTICKETS_API_RPS=2\n")
        let second = try write("QTICKETS_API_RPS=3\nCLICKHOUSE_COMPRESSION=none\n")
        let config = try IngestConfiguration.load(files: [first, second], environment: ["QTICKETS_API_CONCURRENCY": "7", "HOME": "/root"])
        #expect(config.apiBaseURL.string == "https://qtickets.ru/api/rest/v1")
        #expect(config.apiRequestsPerSecond == 3)          // the later file wins
        #expect(config.apiConcurrency == 7)                // the environment wins over files
        #expect(config.compression == .none)
        #expect(config.timeZone.identifier == "Europe/Moscow")
        #expect(config.batchRows == 50_000)
        #expect(config.apiBurst == 1)               // RPS + 1 requests at most in any second
    }

    @Test(arguments: ["QTICKETS_API_BASE_URL", "QTICKETS_API_TOKEN", "CLICKHOUSE_HOST", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD", "CLICKHOUSE_DB"])
    func eachMissingKeyIsNamed(key: String) throws {
        let text = Self.complete.split(separator: "\n").filter { !$0.hasPrefix(key + "=") }.joined(separator: "\n")
        let path = try write(text)
        do {
            _ = try IngestConfiguration.load(files: [path], environment: [:])
            Issue.record("loading without \(key) succeeded")
        } catch {
            #expect(error == .missingKey(key: key, searched: [path]))
            #expect(error.description.contains(key))
            #expect(error.description.contains(path))
        }
    }

    @Test func malformedValuesNameKeyAndOriginButNotTheValue() throws {
        let path = try write(Self.complete + "\nQTICKETS_API_RPS=fast\n")
        #expect(throws: ConfigurationError.invalidValue(key: "QTICKETS_API_RPS", source: "\(path):7", expected: "a positive number")) {
            try IngestConfiguration.load(files: [path], environment: [:])
        }
        let badURL = try write(Self.complete.replacingOccurrences(of: "https://ch.example:8443", with: "ch.example"))
        #expect(throws: ConfigurationError.invalidValue(key: "CLICKHOUSE_HOST", source: "\(badURL):3", expected: "an http:// or https:// URL")) {
            try IngestConfiguration.load(files: [badURL], environment: [:])
        }
        #expect(throws: ConfigurationError.invalidValue(key: "TZ", source: "environment", expected: "an IANA time zone such as Europe/Moscow")) {
            try IngestConfiguration.load(files: [try write(Self.complete)], environment: ["TZ": "Mars/Olympus"])
        }
        #expect(throws: ConfigurationError.unreadableFile(path: "/nonexistent/.env", reason: "no such file")) {
            try IngestConfiguration.load(files: ["/nonexistent/.env"], environment: [:])
        }
    }

    @Test func secretsNeverPrint() throws {
        let config = try IngestConfiguration.load(files: [try write(Self.complete)], environment: [:])
        let dump = "\(config) \(String(reflecting: config))"
        #expect(!dump.contains("tok-SECRET-123"))
        #expect(!dump.contains("pw-SECRET-456"))
        #expect(config.apiToken.revealed == "tok-SECRET-123")
    }
}
