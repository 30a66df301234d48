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
        #expect(config.compression == .gzip(level: 1))
        #expect(config.clickHousePassword.isEmpty)  // present and empty on purpose
    }

    /// The clients' own defaults are the ingester's: a library user gets what an operator gets.
    @Test func theLibrariesDefaultsAgreeWithTheKeys() throws {
        let config = try IngestConfiguration.load(files: [], environment: Self.required)
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
