import ClientSupport
import Foundation

/// Every configuration key the ingester reads, each declared once.
///
/// To add a key: declare it here, append it to ``all``, and read it in
/// ``IngestConfiguration/load(files:environment:)``; the README's table and
/// `configs/.env.qtickets_api.sample` are regenerated from these declarations
/// (`QT_UPDATE_GENERATED=1 swift test --filter ConfigurationReferenceTests`).
public enum ConfigKeys {
    // MARK: Required

    public static let apiBaseURL = ConfigKey.url(
        "QTICKETS_API_BASE_URL", doc: "the API's base URL", example: "https://qtickets.ru/api/rest/v1")
    public static let apiToken = ConfigKey.secret(
        "QTICKETS_API_TOKEN", .required, doc: "the organiser's bearer token (or `QTICKETS_API_TOKEN_FILE`)",
        example: "<organiser_bearer_token>")
    public static let clickHouseURL = ConfigKey.url(
        "CLICKHOUSE_HOST", doc: "ClickHouse as `http(s)://host:port`, any port; https verifies certificates",
        example: "https://clickhouse.example.org:8443")
    public static let clickHouseUser = ConfigKey.text(
        "CLICKHOUSE_USER", .required, doc: "the ClickHouse user, e.g. `etl_writer`", example: "etl_writer")
    public static let clickHousePassword = ConfigKey.secret(
        "CLICKHOUSE_PASSWORD", .requiredMayBeEmpty, doc: "that user's password (may be empty; or `CLICKHOUSE_PASSWORD_FILE`)",
        example: "<password>")
    public static let clickHouseDatabase = ConfigKey<String>(
        "CLICKHOUSE_DB", .required, expected: "a database name of letters, digits and _",
        doc: "the database, e.g. `zakaz`; created if missing", example: "zakaz"
    ) { name in
        name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } ? name : nil
    }

    // MARK: Optional

    public static let timeZone = ConfigKey<TimeZone>(
        "TZ", .defaulted("Europe/Moscow"), expected: "an IANA time zone such as Europe/Moscow",
        doc: "the time zone of `sales_date` (the local day of a payment); needs tzdata"
    ) { TimeZone(identifier: $0) }
    public static let organiserName = ConfigKey.text("ORG_NAME", .defaulted("default"), doc: "a name for the logs")

    // MARK: Cluster

    public static let clickHouseCluster = ConfigKey<String?>(
        "CLICKHOUSE_CLUSTER", .defaulted(""), expected: "a cluster name of letters, digits, _ and -",
        doc: "a cluster in the servers' `remote_servers`: tables are created `ON CLUSTER` as `Replicated…MergeTree`; "
            + "unset: one server (README \"Running on a ClickHouse cluster\")",
        example: "qt"
    ) { name in
        name.isEmpty ? .some(nil) : name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } ? name : nil
    }
    public static let clickHouseZooKeeperPrefix = ConfigKey<String>(
        "CLICKHOUSE_ZOOKEEPER_PREFIX", .defaulted("/clickhouse/tables/{shard}"),
        expected: "a ZooKeeper path starting with /, without quotes or backslashes",
        doc: "with `CLICKHOUSE_CLUSTER`: each replicated table's ZooKeeper path is this, then `/<database>/<table>`; "
            + "macros such as `{shard}` are expanded by each server"
    ) { path in
        path.hasPrefix("/") && !path.contains { $0 == "'" || $0 == "\\" || $0 == "\n" } ? path : nil
    }

    // MARK: Tuning

    public static let apiRequestsPerSecond = ConfigKey<Double>(
        "QTICKETS_API_RPS", .defaulted("5"), expected: "a positive number",
        doc: "requests per second to the API, every attempt counted (first tries and retries)"
    ) { Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }
    public static let apiBurst = ConfigKey.positiveInteger(
        "QTICKETS_API_BURST", default: 1, doc: "token-bucket burst: the API sees at most RPS + BURST requests in any one second")
    public static let apiConcurrency = ConfigKey.integer(
        "QTICKETS_API_CONCURRENCY", in: 1...64, default: 4, doc: "API requests in flight at once")
    public static let apiTimeoutSeconds = ConfigKey.positiveInteger(
        "QTICKETS_API_TIMEOUT_SECONDS", default: 30, doc: "timeout of one API request, in seconds")
    public static let apiMaxAttempts = ConfigKey.positiveInteger(
        "QTICKETS_API_MAX_ATTEMPTS", default: 6,
        doc: "attempts per API request; 429, 5xx and timeouts are retried with capped exponential backoff and full jitter")
    public static let apiMaxResponseBytes = ConfigKey.integer(
        "QTICKETS_API_MAX_RESPONSE_BYTES", in: 65_536...1 << 31, default: 32 << 20,
        doc: "largest API answer accepted, in bytes, enforced while it streams (a page of 50 orders is ~250 KB)")
    public static let apiClockSkewSeconds = ConfigKey.integer(
        "QTICKETS_API_CLOCK_SKEW_SECONDS", in: 0...86_400, default: 300,
        doc: "how far the API's clock may run behind ours: a run re-reads the orders changed since its start minus this, "
            + "and the next run starts this long before the last window ended")
    public static let maxCatchUpHours = ConfigKey.positiveInteger(
        "INGEST_MAX_CATCH_UP_HOURS", default: 168,
        doc: "a run that would have to catch up longer than this since the last successful window fails instead, "
            + "naming the backfill that closes the gap")
    public static let sliceDays = ConfigKey.integer(
        "INGEST_SLICE_DAYS", in: 1...366, default: 30,
        doc: "a backfill (--from/--to, or --since-hours longer than this many days) runs as slices of this many days "
            + "of updated_at, newest first, each recorded in meta_job_runs; a rerun skips the slices already loaded")
    public static let ordersDateColumn = ConfigKey.choice(
        "QTICKETS_ORDERS_DATE_COLUMN", ["updated_at", "created_at", "payed_at"], doc: "the order column the window filters on")
    public static let batchRows = ConfigKey.positiveInteger(
        "CLICKHOUSE_BATCH_ROWS", default: 50_000, doc: "a batch is sent at this many rows…")
    public static let batchBytes = ConfigKey.positiveInteger(
        "CLICKHOUSE_BATCH_BYTES", default: 4 << 20, unit: "bytes", doc: "…or this many uncompressed bytes…")
    public static let batchAgeMilliseconds = ConfigKey.positiveInteger(
        "CLICKHOUSE_BATCH_AGE_MS", default: 1_000, unit: "milliseconds", doc: "…or this age in milliseconds, whichever comes first")
    public static let compression = ConfigKey.choice(
        "CLICKHOUSE_COMPRESSION", ["auto", "gzip", "none"],
        doc: "how inserts travel: `auto` is `none` when CLICKHOUSE_HOST is this machine (localhost, 127.x, ::1), "
            + "where compressing costs both ends CPU and saves nothing, and `gzip` anywhere else")
    public static let gzipLevel = ConfigKey.integer(
        "CLICKHOUSE_GZIP_LEVEL", in: 1...9, default: 1, doc: "gzip level, 1 (fastest) to 9 (smallest)")
    public static let clickHouseTimeoutSeconds = ConfigKey.positiveInteger(
        "CLICKHOUSE_TIMEOUT_SECONDS", default: 60, doc: "timeout of one ClickHouse request, in seconds")
    public static let clickHouseMaxAttempts = ConfigKey.positiveInteger(
        "CLICKHOUSE_MAX_ATTEMPTS", default: 8, doc: "attempts per batch; a retry resends the very same bytes")
    public static let clickHouseCAFile = ConfigKey.path(
        "CLICKHOUSE_CA_FILE", doc: "a CA bundle to trust for a private reverse proxy (https verifies certificates)",
        example: "/etc/ssl/private-ca.pem")
    public static let lockDirectory = ConfigKey.path(
        "INGEST_LOCK_DIR",
        doc: "directory of the run lock's file (flock); unset: `/run/lock` if writable, else the temporary directory. Runs against one warehouse on one host must share it",
        example: "/run/lock")
    public static let lockTTLSeconds = ConfigKey.integer(
        "INGEST_LOCK_TTL_SECONDS", in: 3...86_400, default: 180,
        doc: "the run lock's lease in ClickHouse expires after this many seconds without a heartbeat (one every third of it)")
    /// Below the systemd units' `TimeoutStopSec` (300): systemd must never have to SIGKILL a run
    /// that is still recording its end.
    public static let shutdownGraceSeconds = ConfigKey.integer(
        "INGEST_SHUTDOWN_GRACE_SECONDS", in: 10...290, default: 60,
        doc: "after SIGTERM/SIGINT the process exits within this many seconds, the run recorded `error` (exit 74 when that record could not be written); keep it below the unit's `TimeoutStopSec` (300)")
    public static let prometheusFile = ConfigKey.path(
        "INGEST_PROM_FILE",
        doc: "write a Prometheus textfile (node_exporter's textfile collector) with each progress tick and at the end of each run; never in a dry run",
        example: "/var/lib/node_exporter/textfile/qtickets_ingest.prom")

    // MARK: Operations

    public static let apiTokenFile = ConfigKey.path(
        "QTICKETS_API_TOKEN_FILE", doc: "read the token from this file instead (systemd `LoadCredential`, a Kubernetes secret mount); a trailing newline is stripped",
        example: "/run/credentials/qtickets-ingest@org.service/qtickets_api_token")
    public static let clickHousePasswordFile = ConfigKey.path(
        "CLICKHOUSE_PASSWORD_FILE", doc: "read the ClickHouse password from this file instead; a trailing newline is stripped",
        example: "/run/credentials/qtickets-ingest@org.service/clickhouse_password")
    public static let progressSeconds = ConfigKey.integer(
        "INGEST_PROGRESS_SECONDS", in: 0...3_600, default: 10,
        doc: "a progress line every this many seconds (a bar on a terminal); 0 turns progress off")
    public static let logFormat = ConfigKey<LogFormat>(
        "INGEST_LOG_FORMAT", .defaulted(LogFormat.text.rawValue), expected: "text or json",
        doc: "`text`, or `json`: one JSON object per line (`--log-format` wins)"
    ) { LogFormat(rawValue: $0) }
    public static let staleAfterMinutes = ConfigKey.positiveInteger(
        "INGEST_STALE_AFTER_MINUTES", default: 60, unit: "minutes",
        doc: "`qtickets-ingest status` exits 2 (stale) when no run succeeded for this long")

    /// The secrets and the keys that name a file holding them instead: one of each pair may be set.
    static let secretFiles: [(secret: ConfigKey<Secret>, file: ConfigKey<String?>)] = [
        (apiToken, apiTokenFile), (clickHousePassword, clickHousePasswordFile),
    ]

    /// Every key, in the order the README and the sample file list them.
    public static let all: [any AnyConfigKey] = [
        apiBaseURL, apiToken, clickHouseURL, clickHouseUser, clickHousePassword, clickHouseDatabase,
        timeZone, organiserName, clickHouseCluster, clickHouseZooKeeperPrefix,
        apiRequestsPerSecond, apiBurst, apiConcurrency, apiTimeoutSeconds, apiMaxAttempts, apiMaxResponseBytes, apiClockSkewSeconds,
        maxCatchUpHours, sliceDays, ordersDateColumn,
        batchRows, batchBytes, batchAgeMilliseconds, compression, gzipLevel, clickHouseTimeoutSeconds, clickHouseMaxAttempts,
        clickHouseCAFile, lockDirectory, lockTTLSeconds, shutdownGraceSeconds, prometheusFile,
        apiTokenFile, clickHousePasswordFile, progressSeconds, logFormat, staleAfterMinutes,
    ]

    /// Whether `name` is a declared key: only those are taken from the process environment.
    static func isDeclared(_ name: String) -> Bool {
        all.contains { $0.name == name }
    }
}
