import Foundation

/// How densely a slice's range held orders, so that the next (older) slice can cut its listing
/// into sub-ranges at once (``QTicketsAPI/QTicketsClient/orderPages(in:where:splittingUntil:expectingPages:_:)``)
/// instead of after a probe of its first page.
///
/// Why: a probe is one request while every other worker waits, once per slice. A 100k-order
/// backfill has 13 slices; under a server's rate limit each probe is also a slot of the limiter
/// left unused. The guess only decides how the range is cut: a wrong one costs requests (an
/// empty sub-range is one request), never an order, since every sub-range is walked to its end.
struct ListingDensity: Sendable, Equatable {
    var ordersPerSecond: Double
    /// The page size the server served.
    var pageSize: Int

    /// `nil` when the slice read no page or its window has no length.
    init?(orders: Int, pageSize: Int, window: CoverageTracker.Window) {
        let seconds = window.to.timeIntervalSince(window.from)
        guard pageSize > 0, seconds > 0, orders >= 0 else { return nil }
        self.ordersPerSecond = Double(orders) / seconds
        self.pageSize = pageSize
    }

    /// The pages `[from, to)` holds at this density (at least 1).
    func pages(from: Date, to: Date) -> Int {
        let orders = ordersPerSecond * max(0, to.timeIntervalSince(from))
        guard orders.isFinite else { return 1 }
        return max(1, Int(min(orders / Double(pageSize), 1e9).rounded(.up)))
    }
}
