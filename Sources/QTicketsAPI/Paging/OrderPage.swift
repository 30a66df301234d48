/// One page of an order listing, as ``QTicketsClient/orderPages(in:where:splittingUntil:_:)``
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

    init(_ page: KeysetStream.Page, expected: Int, range: KeysetRange) {
        self.orders = page.orders
        self.rows = page.rawCount
        self.expected = expected
        self.range = range
    }
}
