/// What a listing expects to deliver, as its answers said: the orders of its range
/// (`paging.total` of each stream's first answer, summed) and the server's page size. A
/// backfill turns it into the next slice's density (how that listing is cut).
public struct ListingEstimate: Sendable, Equatable {
    public var orders: Int
    public var perPage: Int

    public init(orders: Int, perPage: Int) {
        self.orders = orders
        self.perPage = perPage
    }
}
