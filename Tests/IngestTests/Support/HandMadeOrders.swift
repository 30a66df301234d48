import Foundation
import QTicketsAPI
@testable import Ingest

/// Hand-made orders whose numbers are known: shared by the transform's tests and the
/// warehouse's (which recomputes the daily facts of the same tickets in the real ClickHouse).
enum HandMadeOrders {
    static let transform = TicketTransform(calendar: SalesCalendar(timeZone: TimeZone(identifier: "Europe/Moscow")!))
    static let fetched = Date(timeIntervalSince1970: 1_800_000_000)

    static func date(_ iso: String) -> Date { (try? Date(iso, strategy: .iso8601)) ?? .distantPast }

    static func order(
        id: Int = 4360, payed: Bool = true, payedAt: String? = "2025-11-03T23:59:00+03:00", deleted: Bool = false,
        updatedAt: String = "2025-11-10T10:00:00+03:00", baskets: [Basket]
    ) -> Order {
        Order(id: id, eventID: 33, payed: payed, payedAt: payedAt.map(date), updatedAt: date(updatedAt),
              deletedAt: deleted ? date("2025-11-05T10:00:00+03:00") : nil, price: 0, baskets: baskets)
    }

    /// Paid on 2025-11-03 (Moscow): two sold tickets (3 seats, 1234.60), one cancelled, one
    /// refunded.
    static let mixed = order(baskets: [
        Basket(id: 1, showID: 7, price: Decimal(string: "1234.50")!),
        Basket(id: 2, showID: 7, price: Decimal(string: "0.10")!, quantity: 2),
        Basket(id: 3, showID: 7, price: 500, deletedAt: date("2025-11-04T09:00:00+03:00")),
        Basket(id: 4, showID: 8, price: 700, refundedAt: date("2025-11-09T09:00:00+03:00")),
    ])

    /// The rows of a hand-made (valid) order; one that fails validation has none, which every
    /// test that uses it notices.
    static func rows(_ order: Order, city: String = "Москва") -> [TicketRow] {
        (try? transform.rows(for: order, city: city, fetchedAt: fetched)) ?? []
    }
}
