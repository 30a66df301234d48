import QTicketsAPI

/// The mutable bookkeeping of one ``SalesPipeline`` run, kept out of the pipeline's immutable
/// setup: the events' cities and what was emitted.
struct SalesPipelineState {
    var cities: EventCities
    var result = SalesPipeline.Result()
    /// Orders skipped as unwritable, so one read twice (window, re-check) is reported once.
    private var rejected = Set<Int>()

    init(events: [Event]) {
        cities = EventCities(events: events)
    }

    /// One page: counted for progress as it arrives, the cities of unknown events looked up,
    /// its orders turned into ticket rows.
    mutating func take(_ page: OrderPage, pipeline: SalesPipeline, counted: Bool) async throws {
        let context = pipeline.context
        if counted {
            result.orders += page.orders.count
            result.pageSize = max(result.pageSize, page.perPage)
            await context.metrics.add("orders", page.orders.count)
            await context.metrics.add("order_pages")
            if page.expected > 0 { await context.metrics.add("orders_expected", page.expected) }
        }
        let resolved = try await cities.resolve(Set(page.orders.map(\.eventID)), api: context.api)
        // Read once for the page, after it arrived: later than every state it holds existed,
        // which is all the version's tiebreak needs (``TicketVersion``).
        let fetchedAt = context.fetchClock.now()
        var rows: [TicketRow] = []
        rows.reserveCapacity(page.orders.count * 2)
        for order in page.orders {
            if resolved.unknown.contains(order.eventID) {
                context.logger.warning("Order of an unknown event; its tickets get an empty city", metadata: [
                    "order_id": "\(order.id)", "event_id": "\(order.eventID)",
                ])
                await context.metrics.add("orders_unknown_event")
            }
            do throws(OrderValidation.Rejection) {
                try pipeline.transform.appendRows(for: order, city: resolved.cities[order.eventID] ?? "", fetchedAt: fetchedAt, to: &rows)
            } catch {
                await reject(error, pipeline: pipeline)
            }
        }
        try await deliver(rows, pipeline: pipeline)
    }

    /// One bad record never stops the run: skipped whole, reported, the run ends `error`.
    private mutating func reject(_ error: OrderValidation.Rejection, pipeline: SalesPipeline) async {
        guard rejected.insert(error.orderID).inserted else { return }
        pipeline.context.logger.error("Skipped an order that cannot be written exactly", metadata: [
            "order_id": "\(error.orderID)", "reason": "\(error.reason)",
        ])
        await pipeline.context.metrics.recordSkipped(endpoint: "orders", id: error.orderID, reason: error.reason)
    }

    /// Every ticket row of the step passes here on its way to the sink: the days it touches and
    /// the sold count are taken, then the rows are appended. (A check of the rows' stored state,
    /// for tickets that move out of a day, belongs at the top of this function.)
    private mutating func deliver(_ rows: [TicketRow], pipeline: SalesPipeline) async throws {
        for row in rows {
            if row.payedAt != 0 { result.touchedDays.insert(row.salesDay) }
            if row.isSold { result.soldTickets += Int(row.quantity) }
        }
        result.tickets += rows.count
        try await pipeline.context.tickets.append(contentsOf: rows)
    }
}
