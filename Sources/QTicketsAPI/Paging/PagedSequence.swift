/// The rows of a paginated listing, streamed in page order.
///
/// Page 1 is fetched alone (it tells `perPage` and `total`); then up to `window` further pages
/// are fetched concurrently ahead of the consumer (each still goes through the rate limiter).
/// Memory stays bounded by `window` pages however long the listing is, which is what lets a
/// year-long backfill stream in constant memory.
///
/// Correct when the server picks another `perPage` than asked (pages are counted from what it
/// answers), when `total` grows while paging (every answer's total is re-read, and the extra
/// pages are fetched), and when a page comes back empty (the listing ends there). Rows are
/// deduplicated by id within one listing, so an overlap caused by concurrent inserts is harmless.
public struct PagedSequence<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = any Error

    let window: Int
    let identify: @Sendable (Element) -> Int
    let fetch: @Sendable (Int) async throws -> FetchedPage<Element>

    init(
        window: Int, identify: @escaping @Sendable (Element) -> Int,
        fetch: @escaping @Sendable (Int) async throws -> FetchedPage<Element>
    ) {
        self.window = Swift.max(1, window)
        self.identify = identify
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(state: PagingState(window: window, identify: identify, fetch: fetch))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let state: PagingState<Element>

        public mutating func next() async throws -> Element? {
            try await state.next()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Element? {
            try await state.next(isolation: actor)
        }
    }
}

/// One fetched page: its good rows, its paging, and how many rows it had before failures were
/// taken out (an all-malformed page is not an empty page).
struct FetchedPage<Element: Sendable>: Sendable {
    var rows: [Element]
    var paging: Paging?
    var rawCount: Int
}
