import ClickHouseHTTP
import Foundation
import Ingest
import Logging
import QTicketsAPI
import QTicketsFake

/// One end-to-end scenario: the fake QTickets API serving a generated organiser over real HTTP on
/// loopback, a fresh database in the real ClickHouse, and runs of the real pipeline against both.
final class IngestHarness: Sendable {
    let database: String
    let token: String
    let fake: FakeQTicketsServer
    let clickHouse: ClickHouseClient
    let envFile: String
    let clickHouseEnvFile: String

    static func start(organiser: Organiser, faults: FaultPlan = .none, extraSettings: [String: String] = [:]) async throws -> IngestHarness {
        let database = "it_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let token = "test-token-" + UUID().uuidString
        let fake = try await FakeQTicketsServer.start(organiser: organiser, token: token, faults: faults)
        let clickHouse = try TestClickHouse.client()
        var settings = [
            "QTICKETS_API_BASE_URL": fake.baseURL,
            "QTICKETS_API_TOKEN": token,
            "CLICKHOUSE_DB": database,
            "TZ": "Europe/Moscow",
            "ORG_NAME": "test-organiser",
            "QTICKETS_API_RPS": "500",
            "QTICKETS_API_CONCURRENCY": "8",
            "CLICKHOUSE_BATCH_AGE_MS": "200",
        ]
        settings.merge(extraSettings) { _, new in new }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(database).env").path
        try settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return IngestHarness(database: database, token: token, fake: fake, clickHouse: clickHouse, envFile: path, clickHouseEnvFile: try TestClickHouse.envFile())
    }

    private init(database: String, token: String, fake: FakeQTicketsServer, clickHouse: ClickHouseClient, envFile: String, clickHouseEnvFile: String) {
        self.database = database
        self.token = token
        self.fake = fake
        self.clickHouse = clickHouse
        self.envFile = envFile
        self.clickHouseEnvFile = clickHouseEnvFile
    }

    var configuration: IngestConfiguration {
        get throws { try IngestConfiguration.load(files: [clickHouseEnvFile, envFile], environment: [:]) }
    }

    /// One run of the real pipeline, in process.
    func run(sinceHours: Int, now: Date, dryRun: Bool = false) async throws -> RunReport {
        let config = try configuration
        var logger = Logger(label: "ingest-test")
        logger.logLevel = .warning
        let metrics = RunMetrics()
        let api = try QTicketsClient(configuration: config.qticketsConfiguration, logger: logger, observer: metrics)
        let writer = try ClickHouseClient(configuration: config.clickHouseConfiguration, logger: logger)
        let run = IngestionRun(
            configuration: config,
            options: .init(sinceHours: sinceHours, dryRun: dryRun, now: now, toolVersion: "test"),
            api: api, clickHouse: writer, metrics: metrics, logger: logger
        )
        let report = await run.run()
        try await api.shutdown()
        try await writer.shutdown()
        return report
    }

    // MARK: Reading the warehouse back

    func sales() async throws -> [GroundTruth.SalesKey: GroundTruth.SalesValue] {
        let text = try await clickHouse.query("""
            SELECT toString(sales_date), event_id, show_id, city, tickets_sold, toString(revenue), toUnixTimestamp(sale_ts)
            FROM \(database).fact_qtickets_sales_daily FINAL FORMAT TSV
            """)
        var result: [GroundTruth.SalesKey: GroundTruth.SalesValue] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let event = Int(f[1]), let show = Int(f[2]), let sold = Int(f[4]),
                  let revenue = Decimal(string: f[5]), let ts = Int(f[6]) else {
                throw HarnessError.unexpectedRow(String(line))
            }
            let key = GroundTruth.SalesKey(date: f[0], eventID: event, showID: show, city: f[3])
            guard result[key] == nil else { throw HarnessError.duplicateKey(String(line)) }
            result[key] = GroundTruth.SalesValue(ticketsSold: sold, revenue: revenue, latestPaymentEpoch: ts)
        }
        return result
    }

    struct Inventory: Equatable, CustomStringConvertible {
        var eventID: Int, city: String, total: Int, left: Int
        var description: String { "event \(eventID) \(city) total \(total) left \(left)" }
    }

    func inventory() async throws -> [Int: Inventory] {
        let text = try await clickHouse.query("""
            SELECT show_id, event_id, city, tickets_total, tickets_left
            FROM \(database).fact_qtickets_inventory_latest FINAL FORMAT TSV
            """)
        var result: [Int: Inventory] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5, let show = Int(f[0]), let event = Int(f[1]), let total = Int(f[3]), let left = Int(f[4]) else {
                throw HarnessError.unexpectedRow(String(line))
            }
            result[show] = Inventory(eventID: event, city: f[2], total: total, left: left)
        }
        return result
    }

    func scalar(_ sql: String) async throws -> String {
        try await clickHouse.query(sql + " FORMAT TSV").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every table's content apart from run-specific columns (versions, snapshot times), for
    /// "nothing changed" comparisons.
    func fingerprint() async throws -> String {
        let tables = [
            "fact_qtickets_tickets": "ticket_id, order_id, event_id, show_id, city, sales_date, payed_at, status, is_sold, quantity, toString(price), order_updated_at",
            "fact_qtickets_sales_daily": "sales_date, sale_ts, event_id, show_id, city, tickets_sold, toString(revenue)",
            "fact_qtickets_inventory_latest": "event_id, event_name, show_id, city, tickets_total, tickets_left",
        ]
        var parts: [String] = []
        for (table, columns) in tables.sorted(by: { $0.key < $1.key }) {
            parts.append(table + ": " + (try await scalar("SELECT count(), sum(cityHash64(\(columns))) FROM \(database).\(table) FINAL")))
        }
        return parts.joined(separator: " | ")
    }

    func shutdown() async throws {
        try? await clickHouse.execute("DROP DATABASE IF EXISTS \(database)")
        try await clickHouse.shutdown()
        try await fake.shutdown()
        try? FileManager.default.removeItem(atPath: envFile)
    }

    enum HarnessError: Error { case unexpectedRow(String), duplicateKey(String) }
}
