import NIOCore

/// `GET orders`: one page of the selection, with the faults that shape its content: a
/// malformed page, bad records on chosen orders, hostile answers.
enum OrdersListing {
    static func respond(
        _ query: ListQuery, snapshot: ServingSnapshot, context: FakeRouter.Context, allocator: ByteBufferAllocator
    ) throws(ListQuery.Problem) -> FakeResponse {
        let orders = snapshot.organiser.orders
        var page = try snapshot.orderPage(
            query, perPage: context.options.pageSize(requested: query.perPage, default: FakeRouter.ordersPerPage))
        let hostile = context.hostile
        if hostile == .html { return HostileAnswers.html(allocator: allocator) }
        if hostile == .hugeTotal { page.totalLiteral = HostileAnswers.hugeTotal }
        let rows = page.rows
        let broken = rows.lowerBound + rows.count / 2
        var badRecords = 0
        var lastOrderID: Int?
        let out = page.render(rowCapacity: 3_000) { position, index, out in
            let order = orders[index]
            lastOrderID = max(lastOrderID ?? order.id, order.id)
            var defect = OrderRenderer.Defect.none
            if let bad = context.badRecords[order.id] {
                defect = .bad(bad)
                badRecords += 1
            }
            if position == broken, context.malformed == .badPrice { defect = .badPrice }
            if position == broken, context.malformed == .missingID { defect = .missingID }
            if position == rows.lowerBound, let hostile, HostileAnswers.needsPlaceholder(hostile) { defect = .placeholder }
            OrderRenderer.write(order, defect: defect, to: &out)
        }
        var response: FakeResponse
        if let hostile, let shaped = HostileAnswers.shape(out.text, as: hostile) {
            response = shaped
        } else {
            var body = out.buffer(allocator: allocator)
            if context.malformed == .truncated {
                body.moveWriterIndex(to: body.readerIndex + body.readableBytes / 2)
            }
            response = FakeResponse(status: .ok, contentType: "application/json", body: body)
        }
        response.ordersServed = rows.count
        response.badRecordsServed = badRecords
        response.lastOrderID = lastOrderID
        return response
    }
}
