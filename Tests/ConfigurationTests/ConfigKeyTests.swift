import ClickHouseHTTP
import ClientSupport
import Foundation
import QTicketsAPI
import Testing
@testable import Ingest

/// Reading keys through their declarations: defaults, provenance, and errors that name the key
/// and its origin but never the value.
@Suite struct ConfigKeyTests {
    static let required = [
        "QTICKETS_API_BASE_URL": "https://qtickets.ru/api/rest/v1", "QTICKETS_API_TOKEN": "tok-SECRET",
        "CLICKHOUSE_HOST": "http://127.0.0.1:8123", "CLICKHOUSE_USER": "etl_writer", "CLICKHOUSE_PASSWORD": "",
        "CLICKHOUSE_DB": "zakaz",
    ]

    @Test func unsetKeysReadTheirDeclaredDefault() throws {
        let config = try IngestConfiguration.load(files: [], environment: Self.required)
        #expect(config.timeZone.identifier == "Europe/Moscow")
        #expect(config.compression == .none)  // `auto`, and CLICKHOUSE_HOST is loopback
        #expect(config.clickHousePassword.isEmpty)  // present and empty on purpose
    }

    /// `auto` compresses inserts only on their way to another machine; a choice made in the
    /// file holds whatever the host.
    @Test func autoCompressionIsGzipForARemoteServerAndNoneForThisMachine() throws {
        func compression(host: String, choice: String? = nil) throws -> Compression {
            var environment = Self.required
            environment["CLICKHOUSE_HOST"] = host
            if let choice { environment["CLICKHOUSE_COMPRESSION"] = choice }
            return try IngestConfiguration.load(files: [], environment: environment).compression
        }
        for host in ["http://127.0.0.1:8123", "http://localhost:8123", "http://127.4.5.6:8123", "http://[::1]:8123", "https://LOCALHOST"] {
            #expect(try compression(host: host) == .none, "\(host)")
            #expect(try compression(host: host, choice: "gzip") == .gzip(level: 1), "\(host)")
        }
        for host in ["https://clickhouse.example.org:8443", "http://10.0.0.5:8123", "http://127.0.0.1.example.org", "http://[::2]:8123"] {
            #expect(try compression(host: host) == .gzip(level: 1), "\(host)")
            #expect(try compression(host: host, choice: "none") == .none, "\(host)")
        }
        #expect(throws: ConfigurationError.self) { try compression(host: "http://127.0.0.1:8123", choice: "zstd") }
    }

    /// The clients' own defaults are the ingester's: a library user gets what an operator gets.
    @Test func theLibrariesDefaultsAgreeWithTheKeys() throws {
        var remote = Self.required
        remote["CLICKHOUSE_HOST"] = "https://clickhouse.example.org:8443"  // `auto` compresses for it
        let config = try IngestConfiguration.load(files: [], environment: remote)
        let api = config.qticketsConfiguration
        let apiDefaults = QTicketsConfiguration(baseURL: config.apiBaseURL, token: config.apiToken)
        #expect(api.requestsPerSecond == apiDefaults.requestsPerSecond)
        #expect(api.burst == apiDefaults.burst)
        #expect(api.concurrency == apiDefaults.concurrency)
        #expect(api.requestTimeout == apiDefaults.requestTimeout)
        #expect(api.retry == apiDefaults.retry)
        let writer = config.batchingConfiguration
        let writerDefaults = BatchingConfiguration()
        #expect(writer.maxRows == writerDefaults.maxRows && writer.maxBytes == writerDefaults.maxBytes)
        #expect(writer.maxAge == writerDefaults.maxAge && writer.compression == writerDefaults.compression)
        #expect(writer.retry == writerDefaults.retry)
        let clickHouse = config.clickHouseConfiguration
        #expect(clickHouse.requestTimeout == ClickHouseConfiguration(url: clickHouse.url, user: "u", password: Secret(""), database: "").requestTimeout)
    }

    @Test func anInvalidURLNamesTheKeyAndItsLineButNeverTheValue() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).env").path
        try "QTICKETS_API_BASE_URL=ftp://user:hunter2@qtickets.ru/api\n".write(toFile: file, atomically: true, encoding: .utf8)
        var environment = Self.required
        environment["QTICKETS_API_BASE_URL"] = nil
        let error = try #require(throws: ConfigurationError.self) {
            try IngestConfiguration.load(files: [file], environment: environment)
        }
        #expect(error == .invalidValue(key: "QTICKETS_API_BASE_URL", source: "\(file):1", expected: "an http:// or https:// URL"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test func onlyDeclaredKeysAreTakenFromTheEnvironment() throws {
        let source = try ConfigurationSource(files: [], environment: ["QTICKETS_API_RPS": "2", "QTICKETS_UNRELATED": "x"])
        #expect(try source.value(of: ConfigKeys.apiRequestsPerSecond) == 2)
        #expect(!ConfigKeys.isDeclared("QTICKETS_UNRELATED"))
    }
}
