import ClickHouseHTTP
import Foundation

/// Everything a run needs, validated up front.
///
/// Built from a ``ConfigurationSource`` by ``load(files:environment:)``; a missing or malformed
/// key fails here, before any network call, with a ``ConfigurationError`` naming the key and
/// where it came from. Secrets are kept in ``Secret`` so that printing this value, by accident
/// or in a debug log, never shows them.
public struct IngestConfiguration: Sendable {
    public var apiBaseURL: String
    public var apiToken: Secret
    public var clickHouseURL: String
    public var clickHouseUser: String
    public var clickHousePassword: Secret
    public var clickHouseDatabase: String
    public var clickHouseCAFile: String?
    public var timeZone: TimeZone
    public var organiserName: String

    // Tuning knobs: names and defaults are documented in configs/.env.qtickets_api.sample.
    public var apiRequestsPerSecond: Double = 5
    public var apiBurst: Int = 1
    public var apiConcurrency: Int = 4
    public var apiTimeoutSeconds: Int = 30
    public var apiMaxAttempts: Int = 6
    public var ordersDateColumn: String = "updated_at"
    public var batchRows: Int = 50_000
    public var batchBytes: Int = 4 << 20
    public var batchAgeMilliseconds: Int = 1_000
    public var compression: Compression = .gzip(level: 1)
    public var clickHouseTimeoutSeconds: Int = 60
    public var clickHouseMaxAttempts: Int = 8
    public var prometheusFile: String?

    /// Loads and validates. `environment` is the process environment (injected for tests).
    public static func load(files: [String], environment: [String: String]) throws(ConfigurationError) -> IngestConfiguration {
        let source = try ConfigurationSource(files: files, environment: environment)

        let base = try source.required("QTICKETS_API_BASE_URL")
        try validateHTTPURL(base, key: "QTICKETS_API_BASE_URL")
        let token = try source.required("QTICKETS_API_TOKEN")
        let host = try source.required("CLICKHOUSE_HOST")
        try validateHTTPURL(host, key: "CLICKHOUSE_HOST")
        let user = try source.required("CLICKHOUSE_USER")
        let password = try source.present("CLICKHOUSE_PASSWORD")
        let database = try source.required("CLICKHOUSE_DB")
        guard database.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .invalidValue(key: "CLICKHOUSE_DB", source: database.origin, expected: "a database name of letters, digits and _")
        }
        let timeZone = try source.optional("TZ", default: TimeZone(identifier: "Europe/Moscow"), expected: "an IANA time zone such as Europe/Moscow") {
            TimeZone(identifier: $0)
        }
        guard let timeZone else {
            throw .invalidValue(key: "TZ", source: "the built-in default", expected: "time zone data for Europe/Moscow (install tzdata)")
        }

        var config = IngestConfiguration(
            apiBaseURL: base.value.hasSuffix("/") ? String(base.value.dropLast()) : base.value,
            apiToken: Secret(token.value),
            clickHouseURL: host.value,
            clickHouseUser: user.value,
            clickHousePassword: Secret(password.value),
            clickHouseDatabase: database.value,
            clickHouseCAFile: source["CLICKHOUSE_CA_FILE"].flatMap { $0.value.isEmpty ? nil : $0.value },
            timeZone: timeZone,
            organiserName: source["ORG_NAME"]?.value ?? "default"
        )
        let positive = "a positive number"
        config.apiRequestsPerSecond = try source.optional("QTICKETS_API_RPS", default: 5, expected: positive) { Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }
        config.apiConcurrency = try source.optional("QTICKETS_API_CONCURRENCY", default: 4, expected: "an integer from 1 to 64") { Int($0).flatMap { (1...64).contains($0) ? $0 : nil } }
        // Burst 1 by default: the API then sees at most RPS + 1 requests in any one second, so
        // "RPS just under a server's limit" really stays under it.
        config.apiBurst = try source.optional("QTICKETS_API_BURST", default: 1, expected: "a positive integer") { positiveInt($0) }
        config.apiTimeoutSeconds = try source.optional("QTICKETS_API_TIMEOUT_SECONDS", default: 30, expected: "a positive integer") { positiveInt($0) }
        config.apiMaxAttempts = try source.optional("QTICKETS_API_MAX_ATTEMPTS", default: 6, expected: "a positive integer") { positiveInt($0) }
        config.ordersDateColumn = try source.optional("QTICKETS_ORDERS_DATE_COLUMN", default: "updated_at", expected: "updated_at, created_at or payed_at") {
            ["updated_at", "created_at", "payed_at"].contains($0) ? $0 : nil
        }
        config.batchRows = try source.optional("CLICKHOUSE_BATCH_ROWS", default: 50_000, expected: "a positive integer") { positiveInt($0) }
        config.batchBytes = try source.optional("CLICKHOUSE_BATCH_BYTES", default: 4 << 20, expected: "a positive integer (bytes)") { positiveInt($0) }
        config.batchAgeMilliseconds = try source.optional("CLICKHOUSE_BATCH_AGE_MS", default: 1_000, expected: "a positive integer (milliseconds)") { positiveInt($0) }
        let level = try source.optional("CLICKHOUSE_GZIP_LEVEL", default: 1, expected: "an integer from 1 to 9") { Int($0).flatMap { (1...9).contains($0) ? $0 : nil } }
        config.compression = try source.optional("CLICKHOUSE_COMPRESSION", default: .gzip(level: level), expected: "gzip or none") {
            switch $0.lowercased() {
            case "gzip": return .gzip(level: level)
            case "none": return Compression.none
            default: return nil
            }
        }
        config.clickHouseTimeoutSeconds = try source.optional("CLICKHOUSE_TIMEOUT_SECONDS", default: 60, expected: "a positive integer") { positiveInt($0) }
        config.clickHouseMaxAttempts = try source.optional("CLICKHOUSE_MAX_ATTEMPTS", default: 8, expected: "a positive integer") { positiveInt($0) }
        config.prometheusFile = source["INGEST_PROM_FILE"].flatMap { $0.value.isEmpty ? nil : $0.value }
        return config
    }

    private static func positiveInt(_ text: String) -> Int? { Int(text).flatMap { $0 > 0 ? $0 : nil } }

    private static func validateHTTPURL(_ value: ConfigurationSource.Value, key: String) throws(ConfigurationError) {
        guard let url = URL(string: value.value), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw .invalidValue(key: key, source: value.origin, expected: "an http:// or https:// URL")
        }
    }
}
