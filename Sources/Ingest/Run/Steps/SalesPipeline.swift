import Foundation
import QTicketsAPI

/// Step 3, sales: orders → ticket rows → the ticket sink, and the set of days whose daily facts
/// must be recomputed.
///
/// Streams: an order is transformed and handed to the sink as it arrives, so a year's backfill
/// runs in bounded memory. Orders of events that the live-events listing did not return (deleted
/// events) are looked up by id at the end, so their tickets still carry the right city.
struct SalesPipeline: Sendable {
    struct Result: Sendable {
        var orders = 0
        var tickets = 0
        var soldTickets = 0
        var touchedDays = Set<UInt16>()
        var completedDays = 0
    }

    let context: RunContext
    let transform: TicketTransform

    init(context: RunContext) {
        self.context = context
        self.transform = TicketTransform(calendar: context.calendar)
    }

    /// `coveredSince`: from when the ticket table holds every ticket (``CoverageTracker``).
    func run(events: [Event], coveredSince: Date) async throws -> Result {
        let window = context.window
        var state = SalesPipelineState(events: events)
        let result = try await context.metrics.measure("fetch_orders") {
            for try await order in context.api.orders(changedFrom: window.from, to: window.to, column: context.configuration.ordersDateColumn) {
                try await state.take(order, pipeline: self)
            }
            try await state.resolveOrphans(pipeline: self)
            context.logger.info("Fetched events/orders", metadata: [
                "events": "\(events.count)", "shows": "\(events.reduce(0) { $0 + $1.shows.count })",
                "orders": "\(state.result.orders)", "tickets": "\(state.result.tickets)",
            ])
            try await complete(&state, coveredSince: coveredSince)
            return state.result
        }
        await context.metrics.add("orders", result.orders)
        await context.metrics.add("tickets", result.tickets)
        await context.metrics.add("sold_tickets", result.soldTickets)
        context.logger.info("Transformed orders into sales rows", metadata: [
            "orders": "\(result.orders)", "ticket_rows": "\(result.tickets)",
            "sold_tickets": "\(result.soldTickets)", "touched_days": "\(result.touchedDays.count)",
            "completed_days": "\(result.completedDays)",
        ])
        return result
    }

    /// Days that start before the covered edge may be only partly in the ticket table: fetch
    /// all of their orders by payment time before they are recomputed. The days tickets moved
    /// out of (``StoredDayLookup``) are touched too, and a completion may find more of them.
    private func complete(_ state: inout SalesPipelineState, coveredSince: Date) async throws {
        let calendar = context.calendar
        var completed = Set<UInt16>()
        while true {
            state.result.touchedDays.formUnion(try await context.tickets.takeMovedDays())
            let incomplete = state.result.touchedDays.filter { calendar.start(ofDay: $0) < coveredSince && !completed.contains($0) }
            guard !incomplete.isEmpty else { return }
            completed.formUnion(incomplete)
            try await complete(days: incomplete, &state)
        }
    }

    private func complete(days incomplete: Set<UInt16>, _ state: inout SalesPipelineState) async throws {
        let calendar = context.calendar
        for range in Self.contiguousRanges(incomplete) {
            context.logger.debug("Completing days older than the covered window", metadata: [
                "from": "\(SalesCalendar.isoDate(range.lowerBound))", "to": "\(SalesCalendar.isoDate(range.upperBound))",
            ])
            let from = calendar.start(ofDay: range.lowerBound)
            let to = calendar.start(ofDay: range.upperBound &+ 1)
            for try await order in context.api.orders(changedFrom: from, to: to, column: "payed_at") {
                try await state.take(order, pipeline: self, counted: false)
            }
            try await state.resolveOrphans(pipeline: self)
            state.result.completedDays += range.count
        }
    }

    static func contiguousRanges(_ days: Set<UInt16>) -> [ClosedRange<UInt16>] {
        var ranges: [ClosedRange<UInt16>] = []
        for day in days.sorted() {
            if let last = ranges.last, last.upperBound &+ 1 == day {
                ranges[ranges.count - 1] = last.lowerBound...day
            } else {
                ranges.append(day...day)
            }
        }
        return ranges
    }
}
