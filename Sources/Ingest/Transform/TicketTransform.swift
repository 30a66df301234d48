import Foundation
import QTicketsAPI

/// Orders → ticket rows: a pure function, the one place where "sold" is defined.
///
/// A ticket is sold when its order is paid (`payed`), the order is not cancelled (`deleted_at`
/// null), the ticket is not cancelled (basket `deleted_at` null) and not refunded (basket
/// `refunded_at` null). Every basket becomes a row whatever its status, so a later change
/// (a refund, a cancellation) replaces the row that counted it.
///
/// An order whose values do not fit the columns exactly is refused whole (``OrderValidation``):
/// nothing is clamped or rounded.
public struct TicketTransform: Sendable {
    public let calendar: SalesCalendar

    public init(calendar: SalesCalendar) { self.calendar = calendar }

    /// `fetchedAt`: when this state of the order was fetched (later fetches of the same
    /// `updated_at` second win).
    public func rows(for order: Order, city: String, fetchedAt: Date) throws(OrderValidation.Rejection) -> [TicketRow] {
        var rows: [TicketRow] = []
        try appendRows(for: order, city: city, fetchedAt: fetchedAt, to: &rows)
        return rows
    }

    /// ``rows(for:city:fetchedAt:)`` appended to `rows`, for a page of orders: no array per order
    /// to allocate and copy out of (about 5% of a backfill's transform, `perf`). A refused order
    /// appends nothing.
    public func appendRows(for order: Order, city: String, fetchedAt: Date, to rows: inout [TicketRow]) throws(OrderValidation.Rejection) {
        try OrderValidation.check(order)
        let payedAt = order.payedAt
        let salesDay = payedAt.map { calendar.day(of: $0) } ?? 0
        let updatedAt = order.updatedAt ?? fetchedAt
        // The order's last change, ties within its second broken by the fetch: replaying an
        // older window cannot overwrite a newer state (``TicketVersion``).
        let version = TicketVersion.make(updatedAt: updatedAt, fetchedAt: fetchedAt)
        // Checked above: ids positive, quantity within UInt32, dates within DateTime.
        for basket in order.baskets {
            rows.append(TicketRow(
                ticketID: UInt64(truncatingIfNeeded: basket.id),
                orderID: UInt64(truncatingIfNeeded: order.id),
                eventID: UInt64(truncatingIfNeeded: order.eventID),
                showID: UInt64(truncatingIfNeeded: basket.showID),
                city: city,
                salesDay: salesDay,
                payedAt: payedAt?.dateTimeSeconds ?? 0,
                status: Self.status(order: order, basket: basket),
                quantity: UInt32(truncatingIfNeeded: basket.quantity),
                price: basket.price,
                orderUpdatedAt: updatedAt.dateTimeSeconds,
                version: version
            ))
        }
    }

    public static func status(order: Order, basket: Basket) -> TicketRow.Status {
        if order.deletedAt != nil { return .cancelled }
        if !order.payed || order.payedAt == nil { return .pending }
        if basket.deletedAt != nil { return .ticketCancelled }
        if basket.refundedAt != nil { return .refunded }
        return .sold
    }
}
