import Foundation

/// The truth as a stable, diff-friendly JSON document: rows as sorted arrays, snake_case
/// keys, revenue as an exact decimal string ("1234.50", like ClickHouse renders Decimal(18,2)).
extension GroundTruth {
    private enum Keys: String, CodingKey {
        case timeZone = "time_zone", nowEpoch = "now_epoch", sales, inventory
        case finishedInventory = "finished_inventory", totals
    }

    private enum RowKeys: String, CodingKey {
        case date, eventID = "event_id", showID = "show_id", city, ticketsSold = "tickets_sold", revenue
        case latestPaymentEpoch = "latest_payment_epoch", eventName = "event_name"
        case ticketsTotal = "tickets_total", ticketsLeft = "tickets_left"
    }

    private enum TotalKeys: String, CodingKey {
        case ticketsSold = "tickets_sold", revenue, salesRows = "sales_rows", shows, ticketsLeft = "tickets_left"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(nowEpoch, forKey: .nowEpoch)
        var rows = c.nestedUnkeyedContainer(forKey: .sales)
        for key in sales.keys.sorted() {
            guard let value = sales[key] else { continue }
            var row = rows.nestedContainer(keyedBy: RowKeys.self)
            try row.encode(key.date, forKey: .date)
            try row.encode(key.eventID, forKey: .eventID)
            try row.encode(key.showID, forKey: .showID)
            try row.encode(key.city, forKey: .city)
            try row.encode(value.ticketsSold, forKey: .ticketsSold)
            try row.encode(Self.money(value.revenue), forKey: .revenue)
            try row.encode(value.latestPaymentEpoch, forKey: .latestPaymentEpoch)
        }
        try Self.encodeInventory(inventory, into: &c, key: .inventory)
        try Self.encodeInventory(finishedInventory, into: &c, key: .finishedInventory)
        var totals = c.nestedContainer(keyedBy: TotalKeys.self, forKey: .totals)
        try totals.encode(totalTicketsSold, forKey: .ticketsSold)
        try totals.encode(Self.money(totalRevenue), forKey: .revenue)
        try totals.encode(sales.count, forKey: .salesRows)
        try totals.encode(inventory.count, forKey: .shows)
        try totals.encode(inventory.values.reduce(0) { $0 + $1.ticketsLeft }, forKey: .ticketsLeft)
    }

    private static func encodeInventory(
        _ inventory: [Int: InventoryValue], into c: inout KeyedEncodingContainer<Keys>, key: Keys
    ) throws {
        var rows = c.nestedUnkeyedContainer(forKey: key)
        for showID in inventory.keys.sorted() {
            guard let value = inventory[showID] else { continue }
            var row = rows.nestedContainer(keyedBy: RowKeys.self)
            try row.encode(showID, forKey: .showID)
            try row.encode(value.eventID, forKey: .eventID)
            try row.encode(value.eventName, forKey: .eventName)
            try row.encode(value.city, forKey: .city)
            try row.encode(value.ticketsTotal, forKey: .ticketsTotal)
            try row.encode(value.ticketsLeft, forKey: .ticketsLeft)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        timeZone = try c.decode(String.self, forKey: .timeZone)
        nowEpoch = try c.decode(Int.self, forKey: .nowEpoch)
        sales = [:]
        var rows = try c.nestedUnkeyedContainer(forKey: .sales)
        while !rows.isAtEnd {
            let row = try rows.nestedContainer(keyedBy: RowKeys.self)
            let key = SalesKey(
                date: try row.decode(String.self, forKey: .date), eventID: try row.decode(Int.self, forKey: .eventID),
                showID: try row.decode(Int.self, forKey: .showID), city: try row.decode(String.self, forKey: .city))
            let text = try row.decode(String.self, forKey: .revenue)
            guard let revenue = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw DecodingError.dataCorruptedError(forKey: .revenue, in: row, debugDescription: "not a decimal: \(text)")
            }
            sales[key] = SalesValue(
                ticketsSold: try row.decode(Int.self, forKey: .ticketsSold), revenue: revenue,
                latestPaymentEpoch: try row.decode(Int.self, forKey: .latestPaymentEpoch))
        }
        inventory = try Self.decodeInventory(c, key: .inventory)
        finishedInventory = try Self.decodeInventory(c, key: .finishedInventory)
    }

    private static func decodeInventory(_ c: KeyedDecodingContainer<Keys>, key: Keys) throws -> [Int: InventoryValue] {
        var result: [Int: InventoryValue] = [:]
        guard c.contains(key) else { return result }
        var rows = try c.nestedUnkeyedContainer(forKey: key)
        while !rows.isAtEnd {
            let row = try rows.nestedContainer(keyedBy: RowKeys.self)
            result[try row.decode(Int.self, forKey: .showID)] = InventoryValue(
                eventID: try row.decode(Int.self, forKey: .eventID),
                eventName: try row.decode(String.self, forKey: .eventName),
                city: try row.decode(String.self, forKey: .city),
                ticketsTotal: try row.decode(Int.self, forKey: .ticketsTotal),
                ticketsLeft: try row.decode(Int.self, forKey: .ticketsLeft))
        }
        return result
    }

    /// Sorted keys, pretty-printed: the same truth always gives the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(from data: Data) throws -> GroundTruth {
        try JSONDecoder().decode(GroundTruth.self, from: data)
    }

    /// "1234.50": two decimals, exact (Decimal is built from kopecks, so never more than two).
    public static func money(_ value: Decimal) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 2, .plain)
        let kopecks = NSDecimalNumber(decimal: rounded * 100).int64Value
        let sign = kopecks < 0 ? "-" : ""
        let a = abs(kopecks)
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
