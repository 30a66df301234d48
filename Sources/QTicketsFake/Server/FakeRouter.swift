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
        var badRecords: [Int: FaultPlan.BadRecord] = [:]
        var hostile: FaultPlan.Hostile.Kind?
    }

    static func respond(
        route: FakeRoute, query: ListQuery, snapshot: ServingSnapshot, context: Context = Context(),
        allocator: ByteBufferAllocator
    ) -> FakeResponse {
        let organiser = snapshot.organiser
        do {
            switch route {
            case .orders:
                return try OrdersListing.respond(query, snapshot: snapshot, context: context, allocator: allocator)
            case .events:
                let page = ListPage(
                    try snapshot.eventSelection(query),
                    perPage: context.options.pageSize(requested: query.perPage, default: eventsPerPage), page: query.page)
                let out = page.render(rowCapacity: 2_000) { _, index, out in EventRenderer.write(organiser.events[index], to: &out) }
                return .json(.ok, out, allocator: allocator)
            case .order(let id):
                guard let index = snapshot.orderIndex(id: id) else {
                    return .notFound(resource: "Order", id: id, allocator: allocator)
                }
                let bad = context.badRecords[id]
                var response = data(capacity: 4096, allocator: allocator) { out in
                    OrderRenderer.write(organiser.orders[index], defect: bad.map { .bad($0) } ?? .none, to: &out)
                }
                response.badRecordsServed = bad == nil ? 0 : 1
                return response
            case .event(let id):
                guard let index = snapshot.eventIndex(id: id) else {
                    return .notFound(resource: "Event", id: id, allocator: allocator)
                }
                return data(capacity: 4096, allocator: allocator) { EventRenderer.write(organiser.events[index], to: &$0) }
            case .seats(let showID):
                guard let seats = organiser.seats[showID] else {
                    return .notFound(resource: "Show", id: showID, allocator: allocator)
                }
                return data(capacity: 256 + seats.count * 200, allocator: allocator) { out in
                    SeatRenderer.write(seats, showID: showID, flat: query.flat, select: query.select, to: &out)
                }
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

    /// `{"data":…}`, `write` rendering the one value: the answer of a single-resource route.
    private static func data(capacity: Int, allocator: ByteBufferAllocator, _ write: (inout JSONOutput) -> Void) -> FakeResponse {
        var out = JSONOutput(capacity: capacity)
        out.object { out in
            out.key("data")
            write(&out)
        }
        return .json(.ok, out, allocator: allocator)
    }
}
