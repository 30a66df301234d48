@testable import ClickHouseHTTP
import ClientSupport
import Foundation
import NIOCore
import TestSupport
import Testing

/// Recorded answers of 18.16 and of current servers (Tests/Fixtures/clickhouse-responses/, each
/// with its origin in the folder's README) through the client's response reading: every error
/// shape becomes the right ``ClickHouseError``, including exceptions that arrive after a 200.
@Suite struct ClickHouseResponseTests {
    struct Recorded {
        var status: Int
        var headers: [(String, String)]
        var body: ByteBuffer

        init(_ name: String) throws {
            let data = try Data(contentsOf: Repository.url("Tests/Fixtures/clickhouse-responses/\(name).http"))
            let separator = try #require(data.range(of: Data("\r\n\r\n".utf8)))
            let head = String(decoding: data[..<separator.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            status = try #require(Int(head[0].split(separator: " ")[1]))
            headers = head.dropFirst().compactMap { line in
                line.firstIndex(of: ":").map { (String(line[..<$0]), String(line[line.index(after: $0)...]).trimmingCharacters(in: .whitespaces)) }
            }
            body = ByteBuffer(bytes: data[separator.upperBound...])
        }

        func check(password: String = "") throws(ClickHouseError) -> ByteBuffer {
            try ClickHouseResponse.check(status: status, headers: headers, body: body, password: Secret(password))
        }
    }

    @Test(arguments: [
        ("18.16-wrong-password", 401, 193, ClickHouseError.Kind.auth, false),
        ("18.16-database-access-denied", 500, 291, .auth, false),
        ("26.9-authentication-failed", 403, 516, .auth, false),
        ("26.9-unknown-database", 404, 81, .unknownTable, false),
    ])
    func errorStatusesOfBothGenerations(_ name: String, _ status: Int, _ code: Int, _ kind: ClickHouseError.Kind, _ retryable: Bool) throws {
        let error = try #require(throws: ClickHouseError.self) { try Recorded(name).check() }
        #expect(error.status == status && error.code == code && error.kind == kind && error.isRetryable == retryable, "\(error)")
    }

    @Test(arguments: [
        ("18.16-exception-mid-stream", 395, "Value passed to 'throwIf' function is non zero", false),
        ("24.8-exception-mid-stream-untagged", 241, "Memory limit (for query) exceeded", true),
        ("25.11-exception-mid-stream-tagged", 395, "(FUNCTION_THROW_IF_VALUE_IS_NON_ZERO) (version 25.11.1.1)", false),
    ])
    func anExceptionAfterA200IsAnErrorNotAShortResult(_ name: String, _ code: Int, _ text: String, _ retryable: Bool) throws {
        let recorded = try Recorded(name)
        #expect(recorded.status == 200)
        let error = try #require(throws: ClickHouseError.self) { try recorded.check() }
        #expect(error.status == 200 && error.code == code && error.isRetryable == retryable, "\(error)")
        #expect(error.message.contains(text) && error.message.hasPrefix("Code: \(code)"), "\(error.message)")
        #expect(!error.message.contains("__exception__"))
    }

    /// The tag in the header must be the block's: a result that merely ends like one, with
    /// another tag, is data.
    @Test func theTaggedBlockMustCarryTheHeadersTag() throws {
        var recorded = try Recorded("25.11-exception-mid-stream-tagged")
        recorded.headers = recorded.headers.map { $0.0 == "X-ClickHouse-Exception-Tag" ? ($0.0, "abcdefghijklmnop") : $0 }
        #expect(throws: Never.self) { try recorded.check() }
        recorded.headers.removeAll { $0.0 == "X-ClickHouse-Exception-Tag" }
        #expect(throws: ClickHouseError.self) { try recorded.check() }  // a proxy dropped the header
    }

    @Test func resultsThatMerelyMentionExceptionsAreResults() throws {
        for body in [
            "1\tCode: 60. DB::Exception: in a cell\t2\n",  // not the whole line
            "Code: 60. DB::Exception: a message column as the last row's only value",  // no newline: not an appended exception
            "__exception__\n", "", "2025-11-03\t1\n",
        ] {
            let buffer = ByteBuffer(string: body)
            #expect(try ClickHouseResponse.check(status: 200, headers: [], body: buffer, password: Secret("")) == buffer, "\(body)")
        }
        let coded = try #require(throws: ClickHouseError.self) {
            try ClickHouseResponse.check(status: 200, headers: [("X-ClickHouse-Exception-Code", "241")], body: ByteBuffer(string: "1\n"), password: Secret(""))
        }
        #expect(coded.code == 241 && coded.isRetryable)
    }

    @Test func thePasswordIsScrubbedFromEveryShape() throws {
        let secret = "s3cr3t-Pa55"
        let body = "1\t2\nCode: 516. DB::Exception: etl_writer: password \(secret) is incorrect. (AUTHENTICATION_FAILED) (version 26.9.2.1)\n"
        let error = try #require(throws: ClickHouseError.self) {
            try ClickHouseResponse.check(status: 200, headers: [], body: ByteBuffer(string: body), password: Secret(secret))
        }
        #expect(!error.description.contains(secret) && error.kind == .auth)
    }
}
