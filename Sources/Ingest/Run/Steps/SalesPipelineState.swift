import QTicketsAPI

/// The mutable bookkeeping of one ``SalesPipeline`` run, kept out of the pipeline's immutable
/// setup: the cities of the events, orders waiting for theirs, and what was emitted.
struct SalesPipelineState {
    var cities: [Int: String]
    var orphans: [Order] = []
    /// Orders already turned into rows by this run: a day's completion fetch (or a page that
    /// shifted) may return them again; one order, one set of rows, one count.
    var emitted = Set<Int>()
    var result = SalesPipeline.Result()

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

    /// Looks up the events of the waiting orders (100 ids a request) and emits the orders.
    mutating func resolveOrphans(pipeline: SalesPipeline) async throws {
        guard !orphans.isEmpty else { return }
        let context = pipeline.context
        let missing = Array(Set(orphans.map(\.eventID))).sorted()
        for chunk in stride(from: 0, to: missing.count, by: 100).map({ Array(missing[$0..<min($0 + 100, missing.count)]) }) {
            for try await event in context.api.events(where: [.in("id", chunk)]) {
                cities[event.id] = event.city?.name ?? ""
            }
        }
        let pending = orphans
        orphans = []
        for order in pending {
            let city = cities[order.eventID]
            if city == nil {
                context.logger.warning("Order of an unknown event; its tickets get an empty city", metadata: [
                    "order_id": "\(order.id)", "event_id": "\(order.eventID)",
                ])
                await context.metrics.add("orders_unknown_event")
            }
            try await emit(order, city: city ?? "", pipeline: pipeline)
        }
    }

    private mutating func emit(_ order: Order, city: String, pipeline: SalesPipeline) async throws {
        let rows: [TicketRow]
        do throws(OrderValidation.Rejection) {
            rows = try pipeline.transform.rows(for: order, city: city, fetchedAt: pipeline.context.options.now)
        } catch {
            // One bad record never stops the run: skipped whole, reported, the run ends `error`.
            pipeline.context.logger.error("Skipped an order that cannot be written exactly", metadata: [
                "order_id": "\(error.orderID)", "reason": "\(error.reason)",
            ])
            await pipeline.context.metrics.recordSkipped(endpoint: "orders", id: error.orderID, reason: error.reason)
            return
        }
        for row in rows {
            if row.payedAt != 0 { result.touchedDays.insert(row.salesDay) }
            if row.isSold { result.soldTickets += Int(row.quantity) }
        }
        result.tickets += rows.count
        try await pipeline.context.tickets.append(contentsOf: rows)
    }
}
