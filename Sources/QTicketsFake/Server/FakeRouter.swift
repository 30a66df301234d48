import NIOCore

/// Builds the answer of an admitted read request: pure function of the snapshot, the query and
/// the context (server options, faults that shape the content).
enum FakeRouter {
    /// The real API's default page sizes; a body `per_page` is ignored unless `maxPerPage` is set.
    static let ordersPerPage = 50
    static let eventsPerPage = 10

    struct Context {
        var options = FakeServerOptions()
        var malformed: FaultPlan.MalformedMode?
    }

    static func respond(
        route: FakeRoute, query: ListQuery, snapshot: ServingSnapshot, context: Context = Context(),
        allocator: ByteBufferAllocator
    ) -> FakeResponse {
        let organiser = snapshot.organiser
        do {
            switch route {
            case .orders:
                let selection = try snapshot.orderSelection(query)
                let perPage = context.options.pageSize(requested: query.perPage, default: ordersPerPage)
                var response = listPage(selection, perPage: perPage, page: query.page, malformed: context.malformed, allocator: allocator) {
                    index, defect, out in
                    OrderRenderer.write(organiser.orders[index], defect: defect, to: &out)
                }
                let (start, end) = bounds(count: selection.count, perPage: perPage, page: query.page)
                response.lastOrderID = end > start ? organiser.orders[selection[end - 1]].id : nil
                return response
            case .events:
                let selection = try snapshot.eventSelection(query)
                let perPage = context.options.pageSize(requested: query.perPage, default: eventsPerPage)
                var response = listPage(selection, perPage: perPage, page: query.page, malformed: nil, allocator: allocator) {
                    index, _, out in
                    EventRenderer.write(organiser.events[index], to: &out)
                }
                response.ordersServed = 0
                return response
            case .order(let id):
                guard let index = snapshot.orderIndex(id: id) else {
                    return .notFound(resource: "Order", id: id, allocator: allocator)
                }
                var out = JSONOutput(capacity: 4096)
                out.beginObject()
                out.key("data")
                OrderRenderer.write(organiser.orders[index], to: &out)
                out.endObject()
                return FakeResponse(status: .ok, contentType: "application/json", body: out.buffer(allocator: allocator))
            case .event(let id):
                guard let index = snapshot.eventIndex(id: id) else {
                    return .notFound(resource: "Event", id: id, allocator: allocator)
                }
                var out = JSONOutput(capacity: 4096)
                out.beginObject()
                out.key("data")
                EventRenderer.write(organiser.events[index], to: &out)
                out.endObject()
                return FakeResponse(status: .ok, contentType: "application/json", body: out.buffer(allocator: allocator))
            case .seats(let showID):
                guard let seats = organiser.seats[showID] else {
                    return .notFound(resource: "Show", id: showID, allocator: allocator)
                }
                var out = JSONOutput(capacity: 256 + seats.count * 200)
                out.beginObject()
                out.key("data")
                SeatRenderer.write(seats, showID: showID, flat: query.flat, select: query.select, to: &out)
                out.endObject()
                return FakeResponse(status: .ok, contentType: "application/json", body: out.buffer(allocator: allocator))
            case .unknown, .write, .adminStats, .adminTruth:
                return .htmlNotFound(allocator: allocator)
            }
        } catch {
            switch error {
            case .unknownColumn(let c):
                return .error(.badRequest, message: "Unknown column \"\(c)\"", code: "BAD_REQUEST", allocator: allocator)
            case .unknownOperator(let o):
                return .error(.badRequest, message: "Unknown operator \"\(o)\"", code: "BAD_REQUEST", allocator: allocator)
            case .malformedWhere:
                return .error(.badRequest, message: "Malformed where", code: "BAD_REQUEST", allocator: allocator)
            }
        }
    }

    /// `{"data":[...],"paging":{"perPage":P,"currentPage":N,"total":T}}`
    private static func listPage(
        _ selection: RowSelection, perPage: Int, page: Int, malformed: FaultPlan.MalformedMode?, allocator: ByteBufferAllocator,
        render: (Int, OrderRenderer.Defect, inout JSONOutput) -> Void
    ) -> FakeResponse {
        let (start, end) = bounds(count: selection.count, perPage: perPage, page: page)
        var out = JSONOutput(capacity: 512 + (end - start) * 3_000)
        out.beginObject()
        out.key("data")
        out.beginArray()
        let broken = start + (end - start) / 2
        for i in start..<end {
            var defect = OrderRenderer.Defect.none
            if i == broken {
                switch malformed {
                case .badPrice?: defect = .badPrice
                case .missingID?: defect = .missingID
                default: break
                }
            }
            render(selection[i], defect, &out)
        }
        out.endArray()
        out.key("paging")
        out.beginObject()
        out.key("perPage")
        out.int(perPage)
        out.key("currentPage")
        out.int(page)
        out.key("total")
        out.int(selection.count)
        out.endObject()
        out.endObject()
        var body = out.buffer(allocator: allocator)
        if malformed == .truncated {
            body.moveWriterIndex(to: body.readerIndex + body.readableBytes / 2)
        }
        var response = FakeResponse(status: .ok, contentType: "application/json", body: body)
        response.ordersServed = end - start
        return response
    }

    /// Row positions `start..<end` of a 1-based page (no overflow for absurd page numbers).
    static func bounds(count: Int, perPage: Int, page: Int) -> (Int, Int) {
        let (skip, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? count : min(count, skip)
        return (start, min(count, start + perPage))
    }
}
