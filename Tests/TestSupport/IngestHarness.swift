import ClickHouseHTTP
import Foundation
import Ingest
import Logging
import QTicketsFake

/// One end-to-end scenario: the fake QTickets API serving a generated organiser over real HTTP
/// on loopback, a database of its own in the real ClickHouse (leased from ``DatabasePool``),
/// and runs through ``Ingestion`` (the
/// entry point the command calls) against both.
///
/// Use ``with(_:faults:settings:databasePrefix:clickHouse:_:)``: it tears everything down, awaited, when
/// the body returns or throws.
public final class IngestHarness: Sendable {
    public let database: String
    public let token: String
    public let fake: FakeQTicketsServer
    /// For reading the warehouse back (no `?database=`: name `table(_:)`).
    public let clickHouse: ClickHouseClient
    /// The fake's URL and token, the database, and the test's settings, for `--envfile`.
    public let envFile: String
    /// The test ClickHouse's own env file (URL, user, password), for `--envfile`.
    public let clickHouseEnvFile: String
    /// The run lock's directory (`INGEST_LOCK_DIR`), the harness's own; removed afterwards.
    public let lockDirectory: String

    /// `--envfile` for both env files, as a command-line run names them.
    public var envFileArguments: [String] { ["--envfile", clickHouseEnvFile, "--envfile", envFile] }

    /// Runs `body` with a started harness; afterwards drops the database (and gives it back to
    /// the pool), stops the fake and removes the env file. `settings` override the harness's
    /// configuration keys; `options` are the fake's (page sizes, its clock); `server` is another
    /// ClickHouse than the tests' own (``ChDBServer``).
    public static func with<T>(
        _ organiser: Organiser, faults: FaultPlan = .none, options: FakeServerOptions = FakeServerOptions(),
        settings: [String: String] = [:], databasePrefix: String = "it_", clickHouse server: ClickHouseTestEnvironment? = nil,
        _ body: (IngestHarness) async throws -> T
    ) async throws -> T {
        let environment = try server ?? ClickHouseTestEnvironment.load()
        let clickHouse = try environment.client()
        return try await withCleanup {
            // A database of the pool (a prefix starting with a digit: one whose name does).
            try await ClickHouseTestEnvironment.withLeasedDatabase(
                digitFirst: DatabasePool.startsWithDigit(databasePrefix), client: clickHouse, cluster: environment.cluster
            ) { database in
                let harness = try await start(
                    organiser, faults: faults, options: options, settings: settings, database: database, clickHouse: clickHouse,
                    environment: environment)
                return try await withCleanup { try await body(harness) } cleanup: { try await harness.shutdown() }
            }
        } cleanup: {
            try await clickHouse.shutdown()
        }
    }

    private static func start(
        _ organiser: Organiser, faults: FaultPlan, options: FakeServerOptions, settings: [String: String], database: String,
        clickHouse: ClickHouseClient, environment: ClickHouseTestEnvironment
    ) async throws -> IngestHarness {
        let token = "test-token-" + UUID().uuidString
        let fake = try await FakeQTicketsServer.start(organiser: organiser, token: token, faults: faults, options: options)
        do {
            // The harness's own (a pooled database name is used again by later tests).
            let lockDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("\(database)-\(UUID().uuidString.prefix(8)).locks").path
            var all = [
                "INGEST_LOCK_DIR": lockDirectory,
                "QTICKETS_API_BASE_URL": fake.baseURL, "QTICKETS_API_TOKEN": token, "CLICKHOUSE_DB": database,
                "TZ": "Europe/Moscow", "ORG_NAME": "test-organiser",
                "QTICKETS_API_RPS": "500", "QTICKETS_API_CONCURRENCY": "8", "CLICKHOUSE_BATCH_AGE_MS": "200",
            ]
            all.merge(settings) { _, new in new }
            let envFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(database)-\(UUID().uuidString.prefix(8)).env").path
            try all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
                .write(toFile: envFile, atomically: true, encoding: .utf8)
            // It holds the token: readable by the owner only, as the ingester asks of env files.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: envFile)
            return IngestHarness(
                database: database, token: token, fake: fake, clickHouse: clickHouse,
                envFile: envFile, clickHouseEnvFile: environment.envFile, lockDirectory: lockDirectory
            )
        } catch {
            try? await fake.shutdown()
            throw error
        }
    }

    private init(
        database: String, token: String, fake: FakeQTicketsServer, clickHouse: ClickHouseClient, envFile: String,
        clickHouseEnvFile: String, lockDirectory: String
    ) {
        self.database = database
        self.token = token
        self.fake = fake
        self.clickHouse = clickHouse
        self.envFile = envFile
        self.clickHouseEnvFile = clickHouseEnvFile
        self.lockDirectory = lockDirectory
    }

    /// The configuration a run gets: the test ClickHouse's env file, then the harness's.
    public var configuration: IngestConfiguration {
        get throws { try IngestConfiguration.load(files: [clickHouseEnvFile, envFile], environment: [:]) }
    }

    /// One run through the entry point, in process. `wallClock`: the host clock the run reads
    /// for its versions (a test steps it back).
    public func run(
        sinceHours: Int, now: Date, dryRun: Bool = false, wallClock: @escaping @Sendable () -> Date = Date.init
    ) async throws -> RunReport {
        var logger = Logger(label: "ingest-test")
        logger.logLevel = .warning
        let options = Ingestion.Options(sinceHours: sinceHours, dryRun: dryRun, now: now, toolVersion: "test", wallClock: wallClock)
        return await Ingestion.run(configuration: try configuration, options: options, logger: logger)
    }

    /// `db.name` of a table of the harness's database, quoted where needed.
    public func table(_ name: String) -> String {
        "\(SQLQuoting.identifier(database)).\(SQLQuoting.identifier(name))"
    }

    /// The database and the ClickHouse client are the caller's (``with(_:faults:settings:databasePrefix:clickHouse:_:)``).
    private func shutdown() async throws {
        try? FileManager.default.removeItem(atPath: envFile)
        try? FileManager.default.removeItem(atPath: lockDirectory)
        try await fake.shutdown()
    }
}
