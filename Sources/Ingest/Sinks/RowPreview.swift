import Foundation

/// One-line renderings of the streamed rows for `--dry-run`: what would be written, in the
/// table's terms.
extension TicketRow {
    public var previewLine: String {
        "ticket_id=\(ticketID) order_id=\(orderID) event_id=\(eventID) show_id=\(showID) city=\(city) sales_date=\(SalesCalendar.isoDate(salesDay)) status=\(status.rawValue) quantity=\(quantity) price=\(price)"
    }
}

extension InventoryRow {
    public var previewLine: String {
        "show_id=\(showID) event_id=\(eventID) city=\(city) tickets_total=\(ticketsTotal) tickets_left=\(ticketsLeft)"
    }
}
