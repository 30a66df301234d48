import Foundation
import NIOCore
import Synchronization

/// Every API request the fake answered, one line each, so that a benchmark can send exactly
/// the same requests again (`qtickets-bench-decode replay`) and compare a run's wall time with
/// a bare fetch of the very same pages.
///
/// A line is `STATUS<TAB>METHOD<TAB>URI<TAB>BODY\n`: the URI as the client sent it (path and
/// query) and the request body's bytes as sent, with `\`, tab, newline and carriage return
/// escaped (`\\`, `\t`, `\n`, `\r`) so that a line is a line whatever the body holds.
///
/// Each line is written with one `write(2)` under the lock, straight to the file: nothing is
/// buffered in the process, so the log is complete as soon as the answer it records goes out,
/// whether the fake is stopped by a signal or killed. A run makes a few thousand requests, so
/// a system call per line costs nothing measurable.
public final class RequestLog: Sendable {
    /// One logged request.
    public struct Entry: Sendable, Equatable {
        public var status: Int
        public var method: String
        /// Path and query, e.g. `/api/rest/v1/orders`.
        public var uri: String
        /// The request body as sent; empty when there was none.
        public var body: [UInt8]

        public init(status: Int, method: String, uri: String, body: [UInt8]) {
            self.status = status
            self.method = method
            self.uri = uri
            self.body = body
        }

        /// The line's bytes, newline included.
        public var line: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(uri.utf8.count + body.count + 16)
            out.append(contentsOf: String(status).utf8)
            out.append(Self.tab)
            out.append(contentsOf: method.utf8)
            out.append(Self.tab)
            Self.escape(Array(uri.utf8), into: &out)
            out.append(Self.tab)
            Self.escape(body, into: &out)
            out.append(Self.newline)
            return out
        }

        /// Parses a line (without its newline); nil when it is not one `line` wrote.
        public init?(line: Substring) {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let status = Int(fields[0]), let uri = Self.unescape(Array(fields[2].utf8)),
                let body = Self.unescape(Array(fields[3].utf8))
            else { return nil }
            self.init(status: status, method: String(fields[1]), uri: String(decoding: uri, as: UTF8.self), body: body)
        }

        /// Every entry of a log's text, in the order the answers went out.
        public static func parse(_ text: String) throws -> [Entry] {
            var entries: [Entry] = []
            for (index, line) in text.split(separator: "\n").enumerated() {
                guard let entry = Entry(line: line) else { throw MalformedLine(number: index + 1) }
                entries.append(entry)
            }
            return entries
        }

        static let tab = UInt8(ascii: "\t")
        static let newline = UInt8(ascii: "\n")
        static let backslash = UInt8(ascii: "\\")

        static func escape(_ bytes: [UInt8], into out: inout [UInt8]) {
            for byte in bytes {
                switch byte {
                case backslash: out.append(contentsOf: [backslash, backslash])
                case tab: out.append(contentsOf: [backslash, UInt8(ascii: "t")])
                case newline: out.append(contentsOf: [backslash, UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): out.append(contentsOf: [backslash, UInt8(ascii: "r")])
                default: out.append(byte)
                }
            }
        }

        static func unescape(_ bytes: [UInt8]) -> [UInt8]? {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var escaped = false
            for byte in bytes {
                guard escaped else {
                    if byte == backslash { escaped = true } else { out.append(byte) }
                    continue
                }
                escaped = false
                switch byte {
                case backslash: out.append(backslash)
                case UInt8(ascii: "t"): out.append(tab)
                case UInt8(ascii: "n"): out.append(newline)
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                default: return nil
                }
            }
            return escaped ? nil : out
        }
    }

    /// A line of a request log that `Entry` cannot read.
    public struct MalformedLine: Error, Sendable, Equatable {
        public var number: Int
    }

    /// The log file could not be opened.
    public struct CannotOpen: Error, Sendable, Equatable {
        public var path: String
        public var errno: Int32
    }

    /// The file descriptor; -1 once closed (later lines are dropped).
    private let descriptor: Mutex<Int32>

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CannotOpen(path: path, errno: errno) }
        descriptor = Mutex(fd)
    }

    /// Appends the line of one answered request.
    func record(status: UInt, method: String, uri: String, body: ByteBuffer?) {
        let entry = Entry(status: Int(status), method: method, uri: uri, body: body.map { Array($0.readableBytesView) } ?? [])
        let line = entry.line
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            line.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { return }  // a full disk loses the line, never the answer
                    offset += written
                }
            }
        }
    }

    /// Closes the file; idempotent.
    func close() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = Foundation.close(fd)
            fd = -1
        }
    }
}
