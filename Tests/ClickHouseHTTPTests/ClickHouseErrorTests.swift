@testable import ClickHouseHTTP
import AsyncHTTPClient
import ClientSupport
import Logging
import Testing

@Suite struct ClickHouseErrorTests {
    @Test func codeFromBothServerGenerations() {
        #expect(ClickHouseError.parseCode("Code: 193, e.displayText() = DB::Exception: Wrong password for user etl_writer") == 193)
        #expect(ClickHouseError.parseCode("Code: 516. DB::Exception: etl_writer: Authentication failed (AUTHENTICATION_FAILED) (version 24.8)") == 516)
        #expect(ClickHouseError.parseCode("Code: 60") == nil)
        #expect(ClickHouseError.parseCode("Error: Code: 60.") == nil)
        #expect(ClickHouseError.parseCode("<html>bad gateway</html>") == nil)
    }

    @Test func headerCodeWins() {
        let e = ClickHouseError(status: 500, headers: [("X-ClickHouse-Exception-Code", "252")], body: "Too many parts (300)", password: Secret(""))
        #expect(e.code == 252)
        #expect(e.isRetryable)
    }

    @Test(arguments: [
        (401, "Code: 193, e.displayText() = DB::Exception: Wrong password", ClickHouseError.Kind.auth, false),
        (403, "Code: 516. DB::Exception: Authentication failed", .auth, false),
        (500, "Code: 192, e.displayText() = DB::Exception: Unknown user x", .auth, false),
        (400, "Code: 62, e.displayText() = DB::Exception: Syntax error", .syntax, false),
        (404, "Code: 60, e.displayText() = DB::Exception: Table zakaz.nope doesn't exist.", .unknownTable, false),
        (404, "Code: 81, e.displayText() = DB::Exception: Database nope doesn't exist", .unknownTable, false),
        (500, "Code: 33, e.displayText() = DB::Exception: Cannot read all data", .badData, false),
        (500, "Code: 27, e.displayText() = DB::Exception: Cannot parse input", .badData, false),
        (500, "Code: 252, e.displayText() = DB::Exception: Too many parts (300)", .server, true),
        (500, "Code: 241. DB::Exception: Memory limit (total) exceeded", .server, true),
        (503, "Code: 202. DB::Exception: Too many simultaneous queries", .server, true),
        (500, "Code: 159. DB::Exception: Timeout exceeded", .timeout, true),
        (500, "Code: 209. DB::Exception: Timeout exceeded while reading from socket", .timeout, true),
        (500, "Code: 210. DB::Exception: Connection reset by peer", .network, true),
        (503, "Service Unavailable", .server, true),
        (502, "<html>Bad Gateway</html>", .server, true),
        (504, "", .timeout, true),
        (404, "Code: 115, e.displayText() = DB::Exception: Unknown setting async_insert", .server, false),
        (500, "Code: 49. DB::Exception: Logical error", .server, false),
    ])
    func classification(status: Int, body: String, kind: ClickHouseError.Kind, retryable: Bool) {
        let e = ClickHouseError(status: status, headers: [], body: body, password: Secret(""))
        #expect(e.kind == kind)
        #expect(e.isRetryable == retryable)
        #expect(e.status == status)
    }

    @Test func passwordIsScrubbedEvenWhenEchoed() throws {
        let secret = "s3cr3t-Pa55"
        let e = ClickHouseError(status: 401, headers: [], body: "Code: 193, wrong password '\(secret)' for etl_writer", password: Secret(secret))
        #expect(!e.description.contains(secret))
        #expect(!e.message.contains(secret))
        #expect(e.description.contains("<redacted>"))
        let config = ClickHouseConfiguration(url: try ServiceURL("http://x:1"), user: "u", password: Secret(secret), database: "d")
        #expect(!"\(config)".contains(secret) && !String(reflecting: config).contains(secret))
        #expect(!ClickHouseError(transportError: TransportFailure(text: "at \(secret)"), password: Secret(secret)).message.contains(secret))
    }

    @Test func transportErrors() {
        let none = Secret("")
        #expect(ClickHouseError(transportError: HTTPClientError.deadlineExceeded, password: none).kind == .timeout)
        #expect(ClickHouseError(transportError: HTTPClientError.readTimeout, password: none).isRetryable)
        #expect(ClickHouseError(transportError: HTTPClientError.remoteConnectionClosed, password: none).kind == .network)
        #expect(ClickHouseError(transportError: HTTPClientError.remoteConnectionClosed, password: none).isRetryable)
        #expect(!ClickHouseError(transportError: HTTPClientError.invalidURL, password: none).isRetryable)
    }

    /// A bad URL cannot even be configured (``ServiceURL`` rejects it); a CA file that cannot
    /// be read fails when the client is made, before any request.
    @Test func badConfigurationFailsBeforeAnyRequest() throws {
        for url in ["ftp://x:1", "127.0.0.1:8123", ""] {
            #expect(throws: ServiceURL.Invalid.self) { try ServiceURL(url) }
        }
        #expect(throws: ClickHouseError.self) {
            _ = try ClickHouseClient(
                configuration: .init(
                    url: try ServiceURL("https://x:8443"), user: "u", password: Secret("p"), database: "d", caFile: "/nonexistent/ca.pem"),
                logger: Logger(label: "test"))
        }
    }

    @Test func versionsCompareNumerically() throws {
        let old = try #require(ClickHouseVersion("18.16.1"))
        let new = try #require(ClickHouseVersion("24.8.4.13\n"))
        #expect(old < new)
        #expect(old.description == "18.16.1")
        #expect(ClickHouseVersion(21, 11) > ClickHouseVersion(21, 9, 5))
        #expect(ClickHouseVersion(21, 11) == ClickHouseVersion("21.11.0")!)
        #expect(ClickHouseVersion("nope") == nil)
    }

    @Test func newerSettingsAreWithheldFromOldServers() {
        let settings = ["async_insert": "1", "max_insert_block_size": "100000"]
        let old = ClickHouseSettings.applicable(settings, for: ClickHouseVersion(18, 16, 1))
        #expect(old.send.map(\.name) == ["max_insert_block_size"])
        #expect(old.withheld == ["async_insert"])
        let new = ClickHouseSettings.applicable(settings, for: ClickHouseVersion(24, 8))
        #expect(new.send.map(\.name) == ["async_insert", "max_insert_block_size"])
    }

    @Test func theWritersDefaultRetryIsCappedWithFullJitter() {
        let retry = BatchingConfiguration.defaultRetry
        #expect(retry.maxAttempts == 8)
        #expect(retry.ceiling(afterAttempt: 1) == .milliseconds(200))
        #expect(retry.ceiling(afterAttempt: 3) == .milliseconds(800))
        #expect(retry.ceiling(afterAttempt: 20) == .seconds(10))
        #expect(retry.deadline == nil)
    }
}

/// A transport error whose text echoes something.
private struct TransportFailure: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
