import Foundation

/// Ticket rows → daily sales rows, in memory.
///
/// The warehouse computes the same aggregate in SQL over all tickets of a day (the
/// authoritative path); this pure version serves `--dry-run` previews and the unit tests that pin
/// the definition of the numbers.
public struct DailySalesAggregator: Sendable {
    struct Key: Hashable { var day: UInt16; var eventID: UInt64; var showID: UInt64; var city: String }

    private var totals: [Key: DailySalesRow] = [:]

    public init() {}

    public mutating func add(_ ticket: TicketRow) {
        guard ticket.isSold else { return }
        let key = Key(day: ticket.salesDay, eventID: ticket.eventID, showID: ticket.showID, city: ticket.city)
        var row = totals[key] ?? DailySalesRow(
            salesDay: ticket.salesDay, saleTimestamp: 0, eventID: ticket.eventID, showID: ticket.showID,
            city: ticket.city, ticketsSold: 0, revenue: 0
        )
        row.ticketsSold += UInt64(ticket.quantity)
        row.revenue += ticket.price
        row.saleTimestamp = max(row.saleTimestamp, ticket.payedAt)
        totals[key] = row
    }

    public var rows: [DailySalesRow] {
        totals.values.sorted { ($0.salesDay, $0.eventID, $0.showID, $0.city) < ($1.salesDay, $1.eventID, $1.showID, $1.city) }
    }
}
