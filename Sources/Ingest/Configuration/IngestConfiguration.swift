import ClickHouseHTTP
import ClientSupport
import Foundation

/// Everything a run needs, validated up front.
///
/// Built by ``load(files:environment:)``, which reads every key through its declaration in
/// ``ConfigKeys`` (name, default, validation); a missing or malformed key fails there, before any
/// network call, with a ``ConfigurationError`` naming the key and where it came from. Secrets
/// are ``Secret``s and URLs ``ServiceURL``s from the moment they are read, so printing this
/// value, by accident or in a debug log, never shows a secret.
public struct IngestConfiguration: Sendable {
    public var apiBaseURL: ServiceURL
    public var apiToken: Secret
    public var clickHouseURL: ServiceURL
    public var clickHouseUser: String
    public var clickHousePassword: Secret
    public var clickHouseDatabase: String
    public var clickHouseCAFile: String?
    public var timeZone: TimeZone
    /// `TZ` as written (`UTC`), for messages: `timeZone.identifier` may spell it otherwise.
    public var timeZoneName: String
    public var organiserName: String
    /// `CLICKHOUSE_CLUSTER`; `nil`: one server.
    public var clickHouseCluster: String?
    /// `CLICKHOUSE_ZOOKEEPER_PREFIX`: the replicated tables' paths begin with it.
    public var clickHouseZooKeeperPrefix: String

    public var apiRequestsPerSecond: Double
    public var apiBurst: Int
    public var apiConcurrency: Int
    public var apiTimeoutSeconds: Int
    public var apiMaxAttempts: Int
    public var apiMaxResponseBytes: Int
    /// `QTICKETS_API_CLOCK_SKEW_SECONDS`: the re-check's and the catch-up's overlap.
    public var apiClockSkewSeconds: Int
    /// `INGEST_MAX_CATCH_UP_HOURS`: the longest catch-up a run starts on its own.
    public var maxCatchUpHours: Int
    /// `INGEST_SLICE_DAYS`: the length of a backfill's slices (``BackfillPlan``).
    public var sliceDays: Int
    public var ordersDateColumn: String
    public var batchRows: Int
    public var batchBytes: Int
    public var batchAgeMilliseconds: Int
    public var compression: Compression
    public var clickHouseTimeoutSeconds: Int
    public var clickHouseMaxAttempts: Int
    public var prometheusFile: String?
    /// `INGEST_LOCK_DIR`; `nil`: ``RunLockSettings/defaultDirectory()``.
    public var lockDirectory: String?
    public var lockTTLSeconds: Int
    /// `INGEST_SHUTDOWN_GRACE_SECONDS`: how long a signalled run may take to stop.
    public var shutdownGraceSeconds: Int
    /// Where each key's value came from (`path:line`, `environment`, `the built-in default`),
    /// by key name: a check made later (the warehouse's time zone) names the line to fix.
    public var origins: [String: String]
    /// Seconds between progress lines (or bar updates' Prometheus writes); 0: no progress.
    public var progressSeconds: Int
    public var logFormat: LogFormat
    public var staleAfterMinutes: Int
    /// What loading noticed that does not stop a run (``ConfigurationSource/warnings``); logged
    /// by whoever sets up logging.
    public var warnings: [String] = []

    /// Loads and validates. `environment` is the process environment (injected for tests).
    public static func load(files: [String], environment: [String: String]) throws(ConfigurationError) -> IngestConfiguration {
        let source = try ConfigurationSource(files: files, environment: environment)
        let gzipLevel = try source.value(of: ConfigKeys.gzipLevel)
        return IngestConfiguration(
            apiBaseURL: try source.value(of: ConfigKeys.apiBaseURL),
            apiToken: try source.secret(ConfigKeys.apiToken, file: ConfigKeys.apiTokenFile),
            clickHouseURL: try source.value(of: ConfigKeys.clickHouseURL),
            clickHouseUser: try source.value(of: ConfigKeys.clickHouseUser),
            clickHousePassword: try source.secret(ConfigKeys.clickHousePassword, file: ConfigKeys.clickHousePasswordFile),
            clickHouseDatabase: try source.value(of: ConfigKeys.clickHouseDatabase),
            clickHouseCAFile: try source.value(of: ConfigKeys.clickHouseCAFile),
            timeZone: try source.value(of: ConfigKeys.timeZone),
            timeZoneName: source.text(of: ConfigKeys.timeZone.name) ?? ConfigKeys.timeZone.defaultText,
            organiserName: try source.value(of: ConfigKeys.organiserName),
            clickHouseCluster: try source.value(of: ConfigKeys.clickHouseCluster),
            clickHouseZooKeeperPrefix: try source.value(of: ConfigKeys.clickHouseZooKeeperPrefix),
            apiRequestsPerSecond: try source.value(of: ConfigKeys.apiRequestsPerSecond),
            apiBurst: try source.value(of: ConfigKeys.apiBurst),
            apiConcurrency: try source.value(of: ConfigKeys.apiConcurrency),
            apiTimeoutSeconds: try source.value(of: ConfigKeys.apiTimeoutSeconds),
            apiMaxAttempts: try source.value(of: ConfigKeys.apiMaxAttempts),
            apiMaxResponseBytes: try source.value(of: ConfigKeys.apiMaxResponseBytes),
            apiClockSkewSeconds: try source.value(of: ConfigKeys.apiClockSkewSeconds),
            maxCatchUpHours: try source.value(of: ConfigKeys.maxCatchUpHours),
            sliceDays: try source.value(of: ConfigKeys.sliceDays),
            ordersDateColumn: try source.value(of: ConfigKeys.ordersDateColumn),
            batchRows: try source.value(of: ConfigKeys.batchRows),
            batchBytes: try source.value(of: ConfigKeys.batchBytes),
            batchAgeMilliseconds: try source.value(of: ConfigKeys.batchAgeMilliseconds),
            compression: Self.compression(
                try source.value(of: ConfigKeys.compression), level: gzipLevel, to: try source.value(of: ConfigKeys.clickHouseURL)),
            clickHouseTimeoutSeconds: try source.value(of: ConfigKeys.clickHouseTimeoutSeconds),
            clickHouseMaxAttempts: try source.value(of: ConfigKeys.clickHouseMaxAttempts),
            prometheusFile: try source.value(of: ConfigKeys.prometheusFile),
            lockDirectory: try source.value(of: ConfigKeys.lockDirectory),
            lockTTLSeconds: try source.value(of: ConfigKeys.lockTTLSeconds),
            shutdownGraceSeconds: try source.value(of: ConfigKeys.shutdownGraceSeconds),
            origins: Dictionary(uniqueKeysWithValues: ConfigKeys.all.map { ($0.name, source.origin(of: $0.name)) }),
            progressSeconds: try source.value(of: ConfigKeys.progressSeconds),
            logFormat: try source.value(of: ConfigKeys.logFormat),
            staleAfterMinutes: try source.value(of: ConfigKeys.staleAfterMinutes),
            warnings: source.warnings
        )
    }

    /// `CLICKHOUSE_COMPRESSION`'s choice for a server at `url`. On loopback the gzip body saves
    /// no network time and costs CPU at both ends (measured in a 100k-order backfill: 0.06
    /// CPU-s of the ingester's deflate and 0.03 of the server's inflate, on a machine whose two
    /// cores the API, the ingester and ClickHouse share), so `auto` sends it plain there.
    static func compression(_ choice: String, level: Int, to url: ServiceURL) -> Compression {
        switch choice {
        case "none": .none
        case "gzip": .gzip(level: level)
        default: url.isLoopback ? .none : .gzip(level: level)
        }
    }
}
