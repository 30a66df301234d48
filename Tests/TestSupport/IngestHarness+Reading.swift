import ClickHouseHTTP
import Foundation
import QTicketsFake

/// Reading the warehouse back, in the terms of the fake's ground truth.
extension IngestHarness {
    public enum ReadError: Error { case unexpectedRow([String: String]), duplicateKey([String: String]) }

    public struct Inventory: Equatable, Sendable, CustomStringConvertible {
        public var eventID: Int, city: String, total: Int, left: Int
        public init(eventID: Int, city: String, total: Int, left: Int) {
            self.eventID = eventID
            self.city = city
            self.total = total
            self.left = left
        }
        public var description: String { "event \(eventID) \(city) total \(total) left \(left)" }
    }

    /// The daily table (`FINAL`), keyed as the truth keys it; a key twice is an error. Read
    /// through `replica` when given (another replica of a cluster), else the harness's client.
    public func sales(from replica: ClickHouseClient? = nil) async throws -> [GroundTruth.SalesKey: GroundTruth.SalesValue] {
        let rows = try await (replica ?? clickHouse).queryRows("""
            SELECT toString(sales_date) AS day, event_id, show_id, city, tickets_sold, toString(revenue) AS revenue_text,
                   toUnixTimestamp(sale_ts) AS sale_seconds
            FROM \(table("fact_qtickets_sales_daily")) FINAL
            """)
        var result: [GroundTruth.SalesKey: GroundTruth.SalesValue] = [:]
        for row in rows {
            guard let day = row["day"], let event = row["event_id"].flatMap({ Int($0) }), let show = row["show_id"].flatMap({ Int($0) }),
                  let city = row["city"], let sold = row["tickets_sold"].flatMap({ Int($0) }),
                  let revenue = row["revenue_text"].flatMap({ Decimal(string: $0) }), let seconds = row["sale_seconds"].flatMap({ Int($0) })
            else { throw ReadError.unexpectedRow(row) }
            let key = GroundTruth.SalesKey(date: day, eventID: event, showID: show, city: city)
            guard result[key] == nil else { throw ReadError.duplicateKey(row) }
            result[key] = GroundTruth.SalesValue(ticketsSold: sold, revenue: revenue, latestPaymentEpoch: seconds)
        }
        return result
    }

    /// The inventory table (`FINAL`) by show id (through `replica` when given).
    public func inventory(from replica: ClickHouseClient? = nil) async throws -> [Int: Inventory] {
        let rows = try await (replica ?? clickHouse).queryRows("""
            SELECT show_id, event_id, city, tickets_total, tickets_left
            FROM \(table("fact_qtickets_inventory_latest")) FINAL
            """)
        var result: [Int: Inventory] = [:]
        for row in rows {
            guard let show = row["show_id"].flatMap({ Int($0) }), let event = row["event_id"].flatMap({ Int($0) }), let city = row["city"],
                  let total = row["tickets_total"].flatMap({ Int($0) }), let left = row["tickets_left"].flatMap({ Int($0) })
            else { throw ReadError.unexpectedRow(row) }
            result[show] = Inventory(eventID: event, city: city, total: total, left: left)
        }
        return result
    }

    /// One value (or one tab-separated row) of `sql`, trimmed.
    public func scalar(_ sql: String) async throws -> String {
        try await clickHouse.query(sql + " FORMAT TSV").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every table's content apart from run-specific columns (versions, snapshot times), for
    /// "nothing changed" comparisons.
    public func fingerprint() async throws -> String {
        let tables = [
            "fact_qtickets_tickets": "ticket_id, order_id, event_id, show_id, city, sales_date, payed_at, status, is_sold, quantity, toString(price), order_updated_at",
            "fact_qtickets_sales_daily": "sales_date, sale_ts, event_id, show_id, city, tickets_sold, toString(revenue)",
            "fact_qtickets_inventory_latest": "event_id, event_name, show_id, city, tickets_total, tickets_left",
        ]
        var parts: [String] = []
        for (name, columns) in tables.sorted(by: { $0.key < $1.key }) {
            parts.append(name + ": " + (try await scalar("SELECT count(), sum(cityHash64(\(columns))) FROM \(table(name)) FINAL")))
        }
        return parts.joined(separator: " | ")
    }

    /// Every table of the database, every column, every stored row (no `FINAL`): any write at
    /// all changes it, a version, a lock claim or a setting included.
    public func everyTableFingerprint() async throws -> String {
        let names = try await clickHouse.queryRows(
            "SELECT name FROM system.tables WHERE database = \(SQLQuoting.stringLiteral(database)) ORDER BY name"
        ).compactMap { $0["name"] }
        var parts: [String] = []
        for name in names {
            // Every column as text: 18.16's cityHash64 takes no Decimal.
            let columns = try await clickHouse.queryRows("""
                SELECT name FROM system.columns
                WHERE database = \(SQLQuoting.stringLiteral(database)) AND table = \(SQLQuoting.stringLiteral(name))
                """).compactMap { $0["name"] }.map { "toString(\(SQLQuoting.identifier($0)))" }
            let hash = "sum(cityHash64(\(columns.joined(separator: ", "))))"
            parts.append(name + ": " + (try await scalar("SELECT count(), \(hash) FROM \(table(name))")))
        }
        return parts.joined(separator: " | ")
    }
}
