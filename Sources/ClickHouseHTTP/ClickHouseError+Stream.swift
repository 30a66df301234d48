import ClientSupport
import Foundation
import NIOCore

/// Reading a ClickHouse answer: an error status is an error, and so is a 200 whose body ends
/// in an exception.
///
/// ClickHouse sends the status and headers before the result, so a query that fails after the
/// first rows went out still answers 200, and the only sign is the end of the body:
///
/// - 25.11 and later send `X-ClickHouse-Exception-Tag: <tag>` (16 random letters) and end such
///   a body with `\r\n__exception__\r\n<tag>\r\n<message>\r\n<length> <tag>\r\n__exception__\r\n`
///   (the tag keeps result bytes from ever matching);
/// - earlier servers (18.16 included) append the exception text itself as the last line:
///   `Code: 395, e.displayText() = DB::Exception: …` (18.16) or `Code: 395. DB::Exception: …
///   (NAME) (version …)` (19.x–25.10).
///
/// Without this check a truncated result would be read as a complete one (a coverage read
/// missing its last rows, a version read as garbage). Recorded samples of every shape are in
/// `Tests/Fixtures/clickhouse-responses/`.
public enum ClickHouseResponse {
    static let marker = "__exception__"

    /// The body of a successful answer, or the ``ClickHouseError`` the answer carries.
    public static func check(status: Int, headers: [(String, String)], body: ByteBuffer, password: Secret) throws(ClickHouseError) -> ByteBuffer {
        guard status == 200 else {
            throw ClickHouseError(status: status, headers: headers, body: String(buffer: body), password: password)
        }
        // A proxy that buffered the answer may pass the server's own code on.
        if let code = header("X-ClickHouse-Exception-Code", in: headers), code != "0" {
            throw ClickHouseError(status: status, headers: headers, body: exceptionText(body, tag: header("X-ClickHouse-Exception-Tag", in: headers)) ?? String(buffer: body), password: password)
        }
        if let text = exceptionText(body, tag: header("X-ClickHouse-Exception-Tag", in: headers)) {
            throw ClickHouseError(status: status, headers: headers, body: text, password: password)
        }
        return body
    }

    /// The exception at the end of `body`, or nil when it ends as a result does.
    static func exceptionText(_ body: ByteBuffer, tag: String?) -> String? {
        // The exception block is at most 16 KiB; only the tail is looked at.
        let tailLength = min(body.readableBytes, 16_384)
        guard tailLength > 0, let bytes = body.getBytes(at: body.writerIndex - tailLength, length: tailLength) else { return nil }
        let tail = String(decoding: bytes, as: UTF8.self)
        if let tagged = taggedException(tail, tag: tag) { return tagged }
        return legacyException(tail)
    }

    /// `\r\n__exception__\r\n<tag>\r\n<message>\r\n<length> <tag>\r\n__exception__\r\n`; a tag
    /// from the header must match, and without the header a block of this exact shape is
    /// still taken (a proxy may drop headers, and result text never holds the marker twice
    /// around a tag line).
    static func taggedException(_ tail: String, tag expected: String?) -> String? {
        var text = Substring(tail)
        while let last = text.last, last.isNewline { text = text.dropLast() }
        guard text.hasSuffix(marker) else { return nil }
        // "\r\n" is one Character in Swift: split on any line break.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let open = lines.dropLast().lastIndex(of: Substring(marker)), open + 2 < lines.count - 1 else { return nil }
        let tag = lines[open + 1]
        if let expected, tag != Substring(expected) { return nil }
        guard tag.count == 16, tag.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        // The message may span lines; the line before the closing marker is "<length> <tag>".
        let lengthLine = lines[lines.count - 2]
        guard lengthLine.hasSuffix(" " + tag) else { return nil }
        let message = lines[(open + 2)..<(lines.count - 2)].joined(separator: "\n")
        return message.isEmpty ? nil : message
    }

    /// The last line of the body, when it is a ClickHouse exception (`Code: N, e.displayText()
    /// = DB::Exception: …` or `Code: N. DB::Exception: …`).
    static func legacyException(_ tail: String) -> String? {
        guard tail.last?.isNewline == true else { return nil }
        let lines = tail.dropLast().split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let last = lines.last, last.hasPrefix("Code: "), last.contains("DB::Exception"),
              ClickHouseError.parseCode(String(last)) != nil
        else { return nil }
        return String(last)
    }

    private static func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1.trimmingCharacters(in: .whitespaces)
    }
}
