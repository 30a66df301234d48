import Foundation

/// One-line renderings of rows for `--dry-run`: what would be written, in the table's terms.
extension TicketRow {
    var previewLine: String {
        "ticket_id=\(ticketID) order_id=\(orderID) event_id=\(eventID) show_id=\(showID) city=\(city) sales_date=\(SalesCalendar.isoDate(salesDay)) status=\(status.rawValue) quantity=\(quantity) price=\(price)"
    }
}

extension DailySalesRow {
    var previewLine: String {
        "sales_date=\(SalesCalendar.isoDate(salesDay)) event_id=\(eventID) show_id=\(showID) city=\(city) tickets_sold=\(ticketsSold) revenue=\(revenue)"
    }
}

extension InventoryRow {
    var previewLine: String {
        "show_id=\(showID) event_id=\(eventID) city=\(city) tickets_total=\(ticketsTotal) tickets_left=\(ticketsLeft)"
    }
}
