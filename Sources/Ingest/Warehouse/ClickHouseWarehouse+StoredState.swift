import ClickHouseHTTP

/// The stored state of tickets, read before their new rows are written (``StoredDayLookup``).
extension ClickHouseWarehouse {
    /// Ids per statement: a primary-key look-up each, the statement far under `max_query_size`
    /// (256 KiB by default; 2,000 ids are about 24 KB).
    static let storedStateBatch = 2_000

    public func storedSalesDays(ticketIDs: [UInt64]) async throws -> [UInt64: UInt16] {
        var days: [UInt64: UInt16] = [:]
        for start in stride(from: 0, to: ticketIDs.count, by: Self.storedStateBatch) {
            let ids = ticketIDs[start..<min(start + Self.storedStateBatch, ticketIDs.count)]
            let pairs = try await rows(of: sql.storedSalesDays(ticketIDs: ids), named: "the stored sales days") { row in
                row["ticket_id"].flatMap(UInt64.init).flatMap { id in row["day"].flatMap(UInt16.init).map { (id, $0) } }
            }
            for (id, day) in pairs { days[id] = day }
        }
        return days
    }
}

extension WarehouseSQL {
    /// The day each of `ticketIDs` counts in now (sold tickets only), in `ticket_id` and `day`.
    func storedSalesDays(ticketIDs: some Collection<UInt64>) -> String {
        """
        SELECT ticket_id, toUInt16(sales_date) AS day FROM \(name(of: TicketRow.table)) FINAL
        WHERE ticket_id IN (\(ticketIDs.map(String.init).joined(separator: ","))) AND is_sold = 1
        """
    }
}
