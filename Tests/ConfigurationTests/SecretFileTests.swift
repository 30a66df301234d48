import Foundation
import Testing
@testable import Ingest

/// `QTICKETS_API_TOKEN_FILE` and `CLICKHOUSE_PASSWORD_FILE` (systemd credentials, Kubernetes
/// secret mounts), and the warning about env files that others can read.
@Suite struct SecretFileTests {
    static let base = [
        "QTICKETS_API_BASE_URL": "https://qtickets.ru/api/rest/v1", "CLICKHOUSE_HOST": "http://127.0.0.1:8123",
        "CLICKHOUSE_USER": "etl_writer", "CLICKHOUSE_DB": "zakaz",
    ]

    func file(_ text: String, mode: Int = 0o600) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test(arguments: ["tok-FILE-1\n", "tok-FILE-1\r\n", "tok-FILE-1"])
    func bothSecretsAreReadFromTheirFilesWithoutTheTrailingNewline(text: String) throws {
        var environment = Self.base
        environment["QTICKETS_API_TOKEN_FILE"] = try file(text)
        environment["CLICKHOUSE_PASSWORD_FILE"] = try file("pw-FILE-2\n")
        let config = try IngestConfiguration.load(files: [], environment: environment)
        #expect(config.apiToken.revealed == "tok-FILE-1")
        #expect(config.clickHousePassword.revealed == "pw-FILE-2")
    }

    @Test func aKeyAndItsFileBothSetIsAnErrorNamingBoth() throws {
        let envFile = try file("QTICKETS_API_TOKEN=tok-SECRET-inline\nCLICKHOUSE_PASSWORD=\n")
        var environment = Self.base
        environment["QTICKETS_API_TOKEN_FILE"] = try file("tok-SECRET-file\n")
        let error = try #require(throws: ConfigurationError.self) {
            try IngestConfiguration.load(files: [envFile], environment: environment)
        }
        #expect(error == .conflictingKeys(key: "QTICKETS_API_TOKEN", fileKey: "QTICKETS_API_TOKEN_FILE", origins: ["\(envFile):1", "environment"]))
        #expect(error.description.contains("QTICKETS_API_TOKEN and QTICKETS_API_TOKEN_FILE"))
        #expect(!error.description.contains("tok-SECRET"))
    }

    @Test func aMissingOrEmptyTokenFileNamesTheKeyAndThePath() throws {
        var environment = Self.base
        environment["CLICKHOUSE_PASSWORD"] = ""
        environment["QTICKETS_API_TOKEN_FILE"] = "/nonexistent/qtickets_api_token"
        #expect(throws: ConfigurationError.unreadableSecretFile(key: "QTICKETS_API_TOKEN_FILE", path: "/nonexistent/qtickets_api_token", reason: "does not exist")) {
            try IngestConfiguration.load(files: [], environment: environment)
        }
        let empty = try file("\n")
        environment["QTICKETS_API_TOKEN_FILE"] = empty
        #expect(throws: ConfigurationError.unreadableSecretFile(key: "QTICKETS_API_TOKEN_FILE", path: empty, reason: "is empty")) {
            try IngestConfiguration.load(files: [], environment: environment)
        }
    }

    /// A password-less ClickHouse user is allowed, from a file as from the key.
    @Test func anEmptyPasswordFileIsAnEmptyPassword() throws {
        var environment = Self.base
        environment["QTICKETS_API_TOKEN"] = "tok"
        environment["CLICKHOUSE_PASSWORD_FILE"] = try file("")
        #expect(try IngestConfiguration.load(files: [], environment: environment).clickHousePassword.isEmpty)
    }

    @Test func neitherKeyNorFileNamesBoth() throws {
        var environment = Self.base
        environment["CLICKHOUSE_PASSWORD"] = ""
        let error = try #require(throws: ConfigurationError.self) { try IngestConfiguration.load(files: [], environment: environment) }
        #expect(error.description.contains("QTICKETS_API_TOKEN is not set, nor QTICKETS_API_TOKEN_FILE"))
    }

    @Test(arguments: [(0o644, true), (0o640, true), (0o604, true), (0o600, false), (0o400, false)])
    func anEnvFileWithASecretReadableByOthersIsNamedWithItsMode(mode: Int, warned: Bool) throws {
        let envFile = try file("QTICKETS_API_TOKEN=tok-SECRET-777\nCLICKHOUSE_PASSWORD=pw-SECRET-888\n", mode: mode)
        let config = try IngestConfiguration.load(files: [envFile], environment: Self.base)
        #expect(config.warnings.count == (warned ? 1 : 0))
        if let warning = config.warnings.first {
            #expect(warning.contains(envFile) && warning.contains("mode 0\(String(mode, radix: 8))"))
            #expect(warning.contains("CLICKHOUSE_PASSWORD and QTICKETS_API_TOKEN"))
            #expect(!warning.contains("SECRET"))
        }
    }

    /// Readable settings without a secret (or with an empty password) are not worth a warning.
    @Test func anEnvFileWithoutASecretIsNotWarnedAbout() throws {
        let settings = try file("QTICKETS_API_RPS=3\nCLICKHOUSE_PASSWORD=\n", mode: 0o644)
        var environment = Self.base
        environment["QTICKETS_API_TOKEN"] = "tok"
        #expect(try IngestConfiguration.load(files: [settings], environment: environment).warnings.isEmpty)
    }
}
