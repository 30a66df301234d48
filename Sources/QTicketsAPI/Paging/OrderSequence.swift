/// The orders matching a filter, one sequential ``KeysetStream``, as an `AsyncSequence` (id
/// ascending, each once). Runs use ``QTicketsClient/orderPages(in:where:splittingUntil:expectingPages:_:)``,
/// which walks a time range with several streams at once.
public struct OrderSequence: AsyncSequence, Sendable {
    public typealias Element = Order
    public typealias Failure = any Error

    let client: QTicketsClient
    let filters: [WhereClause]

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, stream: KeysetStream(filters: filters))
    }

    public struct Iterator: AsyncIteratorProtocol, Sendable {
        let client: QTicketsClient
        var stream: KeysetStream
        var orders: [Order] = []
        var index = 0

        public mutating func next() async throws -> Order? {
            while index >= orders.count {
                guard let page = try await stream.next(from: client) else { return nil }
                await client.reportSkipped(page.skipped)
                (orders, index) = (page.orders, 0)
            }
            index += 1
            return orders[index - 1]
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Order? {
            try await next()
        }
    }
}
