import ClientSupport
import Foundation
import Logging
import QTicketsAPI

/// Orders → ticket rows → the ticket sink, and the set of days whose daily facts must be
/// recomputed.
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
        var dailyPreview: [DailySalesRow] = []
    }

    let api: QTicketsClient
    let sink: any RowSink<TicketRow>
    let transform: TicketTransform
    let calendar: SalesCalendar
    let metrics: RunMetrics
    let logger: Logger
    let now: Date
    let dateColumn: String
    /// Only `--dry-run` shows daily rows computed in memory; a real run recomputes them in ClickHouse.
    let previewDaily: Bool

    func run(events: [Event], window: CoverageTracker.Window, coveredSince: Date) async throws -> Result {
        var state = State(events: events)
        let start = ContinuousClock.now

        for try await order in api.orders(changedFrom: window.from, to: window.to, column: dateColumn) {
            try await state.take(order, pipeline: self)
        }
        try await state.resolveOrphans(pipeline: self)
        logger.info("Fetched events/orders", metadata: [
            "events": "\(events.count)", "shows": "\(events.reduce(0) { $0 + $1.shows.count })",
            "orders": "\(state.result.orders)", "tickets": "\(state.result.tickets)",
        ])

        // Days that start before the covered edge may be only partly in the ticket table:
        // fetch all of their orders by payment time before recomputing them.
        let incomplete = state.result.touchedDays.filter { calendar.start(ofDay: $0) < coveredSince }
        for range in Self.contiguousRanges(incomplete) {
            let from = calendar.start(ofDay: range.lowerBound)
            let to = calendar.start(ofDay: range.upperBound &+ 1)
            logger.debug("Completing days older than the covered window", metadata: [
                "from": "\(SalesCalendar.isoDate(range.lowerBound))", "to": "\(SalesCalendar.isoDate(range.upperBound))",
            ])
            for try await order in api.orders(changedFrom: from, to: to, column: "payed_at") {
                try await state.take(order, pipeline: self, counted: false)
            }
            try await state.resolveOrphans(pipeline: self)
            state.result.completedDays += range.count
        }
        state.result.dailyPreview = state.daily.rows
        await metrics.recordPhase("fetch_orders", seconds: (ContinuousClock.now - start).inSeconds)
        await metrics.add("orders", state.result.orders)
        await metrics.add("tickets", state.result.tickets)
        await metrics.add("sold_tickets", state.result.soldTickets)
        logger.info("Transformed orders into sales rows", metadata: [
            "orders": "\(state.result.orders)", "ticket_rows": "\(state.result.tickets)",
            "sold_tickets": "\(state.result.soldTickets)", "touched_days": "\(state.result.touchedDays.count)",
            "completed_days": "\(state.result.completedDays)",
        ])
        return state.result
    }

    /// Mutable bookkeeping of one pipeline run, kept out of the pipeline's immutable setup.
    struct State {
        var cities: [Int: String]
        var orphans: [Order] = []
        /// Orders already turned into rows by this run: a day's completion fetch (or a page
        /// that shifted) may return them again; one order, one set of rows, one count.
        var emitted = Set<Int>()
        var result = Result()
        var daily = DailySalesAggregator()

        init(events: [Event]) {
            cities = Dictionary(events.map { ($0.id, $0.city?.name ?? "") }, uniquingKeysWith: { first, _ in first })
        }

        mutating func take(_ order: Order, pipeline: SalesPipeline, counted: Bool = true) async throws {
            guard emitted.insert(order.id).inserted else { return }
            if counted { result.orders += 1 }
            guard let city = cities[order.eventID] else {
                orphans.append(order)
                return
            }
            try await emit(order, city: city, pipeline: pipeline)
        }

        mutating func resolveOrphans(pipeline: SalesPipeline) async throws {
            guard !orphans.isEmpty else { return }
            let missing = Array(Set(orphans.map(\.eventID))).sorted()
            for chunk in stride(from: 0, to: missing.count, by: 100).map({ Array(missing[$0..<min($0 + 100, missing.count)]) }) {
                for try await event in pipeline.api.events(where: [.in("id", chunk)]) {
                    cities[event.id] = event.city?.name ?? ""
                }
            }
            let pending = orphans
            orphans = []
            for order in pending {
                let city = cities[order.eventID]
                if city == nil {
                    pipeline.logger.warning("Order of an unknown event; its tickets get an empty city", metadata: [
                        "order_id": "\(order.id)", "event_id": "\(order.eventID)",
                    ])
                    await pipeline.metrics.add("orders_unknown_event")
                }
                try await emit(order, city: city ?? "", pipeline: pipeline)
            }
        }

        private mutating func emit(_ order: Order, city: String, pipeline: SalesPipeline) async throws {
            let rows = pipeline.transform.rows(for: order, city: city, fetchedAt: pipeline.now)
            for row in rows {
                if row.payedAt != 0 { result.touchedDays.insert(row.salesDay) }
                if row.isSold { result.soldTickets += Int(row.quantity) }
                if pipeline.previewDaily { daily.add(row) }
            }
            result.tickets += rows.count
            try await pipeline.sink.append(contentsOf: rows)
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
