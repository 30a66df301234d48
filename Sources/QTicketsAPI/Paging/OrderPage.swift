/// One page of an order listing, as ``QTicketsClient/orderPages(in:where:splittingUntil:expectingPages:_:)``
/// hands it to its consumer.
public struct OrderPage: Sendable {
    /// The page's orders that decoded (malformed ones were reported to the observer).
    public var orders: [Order]
    /// Rows the API sent, including those that did not decode.
    public var rows: Int
    /// What this page adds to the number of orders the listing expects: the first page of each
    /// keyset stream adds the `total` the API reported for it, later pages nothing. For
    /// progress (`orders_expected`); changes while paging make it approximate.
    public var expected: Int
    /// The range of the keyset stream that fetched it (the whole range, or one sub-range):
    /// within one stream, pages arrive in id order.
    public var range: KeysetRange
    /// The page size the server served (`paging.per_page`, or the rows sent when it said none):
    /// how a caller converts orders it expects into pages (``QTicketsClient/orderPages(in:where:splittingUntil:expectingPages:_:)``).
    public var perPage: Int
    /// Its rows that did not decode, reported when the page is handed to the consumer.
    let skipped: [KeysetStream.Skipped]

    init(_ page: KeysetStream.Page, expected: Int, range: KeysetRange) {
        self.orders = page.orders
        self.rows = page.rawCount
        self.perPage = page.perPage
        self.expected = expected
        self.range = range
        self.skipped = page.skipped
    }
}
