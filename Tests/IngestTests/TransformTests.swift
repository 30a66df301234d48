import Foundation
import QTicketsAPI
import Testing
@testable import Ingest

/// The definition of the numbers (DESIGN.md "What the numbers mean"), pinned on hand-made orders.
@Suite struct TransformTests {
    let transform = HandMadeOrders.transform
    let fetched = HandMadeOrders.fetched

    func date(_ iso: String) -> Date { HandMadeOrders.date(iso) }

    func order(payed: Bool = true, payedAt: String? = "2025-11-03T23:59:00+03:00", deleted: Bool = false, baskets: [Basket]) -> Order {
        HandMadeOrders.order(payed: payed, payedAt: payedAt, deleted: deleted, baskets: baskets)
    }

    /// The daily sums of these rows are pinned where they are computed, in the warehouse
    /// (`WarehouseTests.theDailyNumbersCountOnlySoldTickets`).
    @Test func soldMeansPaidNotCancelledNotRefunded() {
        let rows = HandMadeOrders.rows(HandMadeOrders.mixed)
        #expect(rows.map(\.status) == [.sold, .sold, .ticketCancelled, .refunded])
        #expect(rows.filter(\.isSold).map(\.quantity) == [1, 2])
        #expect(rows.allSatisfy { $0.city == "Москва" })
        // 23:59 in Moscow is still Nov 3, whatever UTC says.
        #expect(rows.allSatisfy { SalesCalendar.isoDate($0.salesDay) == "2025-11-03" })
        #expect(rows.allSatisfy { $0.version == 1_762_758_000_000 })
    }

    @Test func pendingAndCancelledOrdersSellNothing() throws {
        let basket = [Basket(id: 1, showID: 7, price: 100)]
        #expect(try transform.rows(for: order(payed: false, payedAt: nil, baskets: basket), city: "", fetchedAt: fetched).map(\.status) == [.pending])
        #expect(try transform.rows(for: order(deleted: true, baskets: basket), city: "", fetchedAt: fetched).map(\.status) == [.cancelled])
        let pending = try transform.rows(for: order(payed: false, payedAt: nil, baskets: basket), city: "", fetchedAt: fetched)
        #expect(pending.first?.salesDay == 0 && pending.first?.payedAt == 0)
    }

    @Test func inventoryCountsEachRootSeatOnceAndSkipsDisabled() throws {
        let seats = [
            Seat(id: "full_A-1;1", rootID: "A-1;1", maxQuantity: 1, freeQuantity: 1),
            Seat(id: "child_A-1;1", rootID: "A-1;1", maxQuantity: 1, freeQuantity: 1),   // second tariff of the same seat
            Seat(id: "full_A-1;2", rootID: "A-1;2", maxQuantity: 1, freeQuantity: 0, payedQuantity: 1),
            Seat(id: "full_A-1;3", rootID: "A-1;3", maxQuantity: 1, freeQuantity: 1, disabled: true),
            Seat(id: "dance", rootID: "dance", admission: true, maxQuantity: 300, freeQuantity: 120),
        ]
        let totals = try InventoryTransform.totals(of: seats)
        #expect(totals.total == 302)
        #expect(totals.left == 121)
    }

    @Test func onlyLiveUnfinishedShowsArePolled() {
        let now = date("2025-11-10T00:00:00+03:00")
        let live = Event(id: 1, name: "A", city: City(id: 1, name: "Казань"), shows: [
            Show(id: 10, finishDate: date("2025-12-01T00:00:00+03:00")),
            Show(id: 11, finishDate: date("2025-11-01T00:00:00+03:00")),                 // finished
            Show(id: 12, deletedAt: date("2025-11-02T00:00:00+03:00")),                   // deleted
            Show(id: 13),                                                                  // no finish date
        ])
        let deleted = Event(id: 2, name: "B", shows: [Show(id: 20)], deletedAt: date("2025-11-02T00:00:00+03:00"))
        #expect(InventoryTransform.pollableShows(of: [live, deleted], now: now).map(\.show.id) == [10, 13])
    }
}
