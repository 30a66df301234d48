import ClientSupport
import Foundation

/// A failed ClickHouse request, classified so callers know whether trying again can help.
///
/// Built only through initialisers that scrub the password from the message, so the value can
/// be logged, stored in `meta_job_runs` or shown to a user.
public struct ClickHouseError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable, Hashable {
        /// Wrong user or password, or not allowed (401/403, codes 192–195, 291, 497, 516; a
        /// current server answers a wrong password with 403 and code 516).
        case auth
        /// The SQL does not parse (code 62).
        case syntax
        /// Unknown table or database (codes 60, 81).
        case unknownTable
        /// The body does not match the table (codes 6, 16, 26, 27, 33, 38, 41, 53, 70, 72, 117…).
        case badData
        /// Connection refused, reset or closed; DNS; TLS.
        case network
        /// Connect, read or request deadline exceeded (also codes 159, 209).
        case timeout
        /// Anything else the server reported.
        case server
    }

    /// HTTP status, when a response arrived.
    public let status: Int?
    /// ClickHouse exception code (`X-ClickHouse-Exception-Code` or `Code: N` in the body).
    public let code: Int?
    public let message: String
    public let kind: Kind
    public let isRetryable: Bool

    /// Code 159 from an `ON CLUSTER` statement: the replicas that are up ran it, and the ones
    /// that are down run it from the DDL queue when they come back. Not worth a retry: sending
    /// it again only queues another task and waits for the same absent replica again.
    public var isDistributedDDLTimeout: Bool {
        code == 159 && message.contains("distributed_ddl_task_timeout")
    }

    public init(status: Int?, code: Int?, message: String, kind: Kind, isRetryable: Bool) {
        self.status = status
        self.code = code
        self.message = message
        self.kind = kind
        self.isRetryable = isRetryable
    }

    public var description: String {
        var parts: [String] = []
        if let status { parts.append("HTTP \(status)") }
        if let code { parts.append("code \(code)") }
        parts.append(kind.rawValue)
        parts.append(isRetryable ? "retryable" : "fatal")
        return "ClickHouse error (\(parts.joined(separator: ", "))): \(message)"
    }

    // MARK: Classification

    /// Codes that describe a transient server condition: the same request may succeed later.
    /// (ClickHouse's ErrorCodes; 18.16 and current servers share these numbers.)
    public static let retryableCodes: Set<Int> = [
        159,  // TIMEOUT_EXCEEDED
        160,  // TOO_SLOW
        164,  // READONLY (replica temporarily read-only)
        202,  // TOO_MANY_SIMULTANEOUS_QUERIES
        203,  // NO_FREE_CONNECTION
        209,  // SOCKET_TIMEOUT
        210,  // NETWORK_ERROR
        241,  // MEMORY_LIMIT_EXCEEDED
        242,  // TABLE_IS_READ_ONLY
        252,  // TOO_MANY_PARTS
        285,  // TOO_FEW_LIVE_REPLICAS
        319,  // UNKNOWN_STATUS_OF_INSERT
        425,  // SYSTEM_ERROR
    ]

    static let authCodes: Set<Int> = [192, 193, 194, 195, 291, 497, 516]
    static let unknownTableCodes: Set<Int> = [60, 81]
    static let badDataCodes: Set<Int> = [6, 16, 26, 27, 32, 33, 38, 41, 53, 69, 70, 72, 117, 130, 131]

    /// Classifies an HTTP error response. The kind follows the exception code first (ClickHouse
    /// answers many transient conditions with a plain 500), then the status.
    public init(status: Int, headers: [(String, String)], body: String, password: Secret) {
        let headerCode = headers.first { $0.0.lowercased() == "x-clickhouse-exception-code" }.flatMap { Int($0.1.trimmingCharacters(in: .whitespaces)) }
        let code = headerCode ?? Self.parseCode(body)
        let message = password.scrubbed(from: body.trimmingCharacters(in: .whitespacesAndNewlines))
        let kind: Kind
        var retryable = false
        if status == 401 || status == 403 || code.map(Self.authCodes.contains) == true {
            kind = .auth
        } else if let code, code == 62 {
            kind = .syntax
        } else if let code, Self.unknownTableCodes.contains(code) {
            kind = .unknownTable
        } else if let code, Self.badDataCodes.contains(code) {
            kind = .badData
        } else if let code, Self.retryableCodes.contains(code) {
            kind = code == 159 || code == 160 || code == 209 ? .timeout : (code == 210 ? .network : .server)
            retryable = true
        } else if [408, 429, 502, 503, 504].contains(status) {
            // Overload or a proxy in front of the server that lost its upstream.
            kind = status == 408 || status == 504 ? .timeout : .server
            retryable = true
        } else {
            kind = .server
        }
        self.init(status: status, code: code, message: message.isEmpty ? "HTTP \(status) with an empty body" : message,
                  kind: kind, isRetryable: retryable)
    }

    /// `Code: 193, e.displayText() = …` (18.16) or `Code: 516. DB::Exception: …` (current).
    static func parseCode(_ body: String) -> Int? {
        let text = body.drop { $0.isWhitespace }
        guard text.hasPrefix("Code: ") else { return nil }
        let digits = text.dropFirst(6).prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let after = text.dropFirst(6 + digits.count).first
        guard after == "." || after == "," else { return nil }
        return Int(digits)
    }
}
