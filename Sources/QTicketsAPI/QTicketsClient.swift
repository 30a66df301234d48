import Foundation
import Logging
import NIOCore
import NIOFoundationCompat

/// Read-only client of the QTickets REST API.
///
/// Every request is a GET (list filters travel in the GET *body*, the only place the API reads
/// them), goes through the shared `RateLimiter`, and is retried per the configured `Backoff`. There is no
/// method that writes: the API's writing routes (creating orders, marking barcodes as scanned)
/// are deliberately unreachable from this type.
public final class QTicketsClient: Sendable {
    /// The request budget shared by every call of this client (one client per API host).
    public let rateLimiter: RateLimiter
    private let executor: RequestExecutor
    private let transport: any QTicketsTransport
    private let logger: Logger
    private let observer: (any QTicketsObserver)?
    private let pageSize: Int?
    private let prefetchPages: Int
    private let concurrency: Int
    private let filterTimeZone: TimeZone

    /// A client over AsyncHTTPClient. Throws `QTicketsError.invalidConfiguration` before any
    /// network activity if the configuration cannot work.
    public convenience init(
        configuration: QTicketsConfiguration, logger: Logger, observer: (any QTicketsObserver)? = nil,
        clock: some Clock<Duration> = ContinuousClock()
    ) throws {
        try configuration.validate()
        let transport = HTTPClientTransport(
            connectTimeout: configuration.connectTimeout,
            maxConnectionsPerHost: max(configuration.concurrency, 1),
            maxBodyBytes: configuration.maxBodyBytes
        )
        try self.init(configuration: configuration, transport: transport, logger: logger, observer: observer, clock: clock)
    }

    /// A client over any transport (tests script answers with one). `random` supplies the jitter
    /// in [0, 1); `rateLimiter` lets several clients share one budget.
    public init(
        configuration: QTicketsConfiguration, transport: any QTicketsTransport, logger: Logger,
        observer: (any QTicketsObserver)? = nil, clock: some Clock<Duration> = ContinuousClock(),
        rateLimiter: RateLimiter? = nil, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) throws {
        try configuration.validate()
        let limiter = rateLimiter ?? RateLimiter(
            requestsPerSecond: configuration.requestsPerSecond, burst: configuration.burst,
            maxInFlight: configuration.concurrency, clock: clock
        )
        self.rateLimiter = limiter
        self.transport = transport
        self.logger = logger
        self.observer = observer
        self.pageSize = configuration.pageSize
        self.prefetchPages = configuration.prefetchPages
        self.concurrency = max(1, configuration.concurrency)
        self.filterTimeZone = configuration.filterTimeZone
        self.executor = RequestExecutor(
            baseURL: configuration.baseURL,
            token: configuration.token,
            transport: transport,
            limiter: limiter,
            retry: configuration.retry,
            requestTimeout: configuration.requestTimeout,
            logger: logger,
            observer: observer,
            time: ClockSource(clock),
            random: random
        )
    }

    /// All events matching `filters` (by default the ones not deleted), every page, id ascending.
    /// Each event embeds its shows and its city.
    public func events(where filters: [WhereClause] = [.isNull("deleted_at")]) -> PagedSequence<Event> {
        list(.events, filters: filters) { try JSONDecoder().decode(ListPage<Event>.self, from: $0) }
    }

    /// All orders matching `filters`, id ascending, each once: one sequential keyset stream
    /// (`id > cursor`, page 1), every answer checked against the request.
    public func orders(where filters: [WhereClause]) -> OrderSequence {
        OrderSequence(client: self, filters: filters)
    }

    /// Every order of `range` (and `filters`), each exactly once, handed to `consume` a page at
    /// a time in this task, while up to `concurrency` keyset streams fetch ahead (an open range
    /// is cut at `end`, the caller's now, and stays open above). Every answer is checked
    /// against its request; the first failure, the API's or `consume`'s, stops the listing and
    /// is thrown. Cancelled orders are included: they must correct the days they belonged to.
    /// `expectingPages`: about how many pages the range holds, when the caller knows; enough of
    /// them, and the range is cut at once instead of after a probe of its first page.
    /// `drained`: told once that a worker has nothing left to take, with what the listing
    /// expects to deliver (a backfill starts the next slice's listing there, ``OrderListing``).
    public func orderPages(
        in range: KeysetRange, where filters: [WhereClause] = [], splittingUntil end: Date, expectingPages: Int? = nil,
        drained: (@Sendable (ListingEstimate) -> Void)? = nil, _ consume: (OrderPage) async throws -> Void
    ) async throws {
        var feed = feed(range, filters: filters, splittingUntil: end, expectingPages: expectingPages)
        feed.drained = drained
        try await feed.run(consume)
    }

    /// The same listing as ``orderPages(in:where:splittingUntil:expectingPages:drained:_:)``,
    /// started now, its pages held for a consumer that comes later (``OrderListing``): until
    /// then each request waits for a permit of `budget`, and at most `readAhead` pages wait
    /// (`capacity`, the most once it is consumed, when nil).
    public func startOrderListing(
        in range: KeysetRange, where filters: [WhereClause] = [], splittingUntil end: Date, expectingPages: Int? = nil,
        budget: PageBudget, capacity: Int, readAhead: Int? = nil, drained: (@Sendable (ListingEstimate) -> Void)? = nil
    ) -> OrderListing {
        var feed = feed(range, filters: filters, splittingUntil: end, expectingPages: expectingPages)
        feed.drained = drained
        return OrderListing(feed: feed, budget: budget, capacity: capacity, readAhead: readAhead)
    }

    private func feed(_ range: KeysetRange, filters: [WhereClause], splittingUntil end: Date, expectingPages: Int?) -> OrderFeed {
        OrderFeed(
            client: self, range: range, filters: filters, timeZone: filterTimeZone, workers: concurrency, splitEnd: end,
            expectedPages: expectingPages)
    }

    /// One order (`GET orders/{id}`).
    public func order(id: Int) async throws -> Order {
        try await executor.get(.order(id: id), body: nil, decode: FastPageDecoder.singleOrder).data
    }

    /// The seats of a show (`GET shows/{id}/seats`, flat, minimal `select`). Rows that do not
    /// decode are reported to the observer and left out.
    public func seats(showID: Int) async throws -> [Seat] {
        let endpoint = Endpoint.seats(showID: showID)
        let envelope = try await executor.get(endpoint, body: try SeatsRequestBody.standard ?? SeatsRequestBody().jsonBytes(), decode: FastPageDecoder.seatsEnvelope)
        var seats: [Seat] = []
        seats.reserveCapacity(envelope.rows.count)
        for row in envelope.rows {
            switch row {
            case .success(let seat): seats.append(seat)
            case .failure(let id, let reason): await reportSkipped(endpoint: endpoint, id: id, reason: reason, context: "show \(showID)")
            }
        }
        return seats
    }

    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// Page 1 of the orders matching `filters`, id ascending: one step of a ``KeysetStream``.
    func keysetPage(where filters: [WhereClause]) async throws -> ListPage<Order> {
        let body = try ListRequestBody(filters: filters, orderBy: ["id": "asc"], page: 1, perPage: pageSize).jsonBytes()
        return try await executor.get(.orders, body: body, decode: FastPageDecoder.orderPage)
    }

    /// An offset listing (events): page N of `filters`, each answer checked against its request.
    /// `decode` reads one page's answer.
    private func list<T: Decodable & Sendable & Identifiable & FilterableRow>(
        _ endpoint: Endpoint, filters: [WhereClause], decode: @escaping @Sendable (ByteBuffer) throws -> ListPage<T>
    ) -> PagedSequence<T> where T.ID == Int {
        let executor = self.executor
        let pageSize = self.pageSize
        let client = self
        return PagedSequence(window: prefetchPages, identify: { $0.id }) { number in
            let body = try ListRequestBody(filters: filters, orderBy: ["id": "asc"], page: number, perPage: pageSize).jsonBytes()
            let page = try await executor.get(endpoint, body: body, decode: decode)
            try PageCheck(endpoint: endpoint, filters: filters, page: number).verify(page)
            var rows: [T] = []
            rows.reserveCapacity(page.rows.count)
            for row in page.rows {
                switch row {
                case .success(let value): rows.append(value)
                case .failure(let id, let reason):
                    await client.reportSkipped(endpoint: endpoint, id: id, reason: reason, context: "page \(number)")
                }
            }
            return FetchedPage(rows: rows, paging: page.paging, rawCount: page.rows.count)
        }
    }

    /// The rows of an order page that did not decode, reported as the page is used.
    func reportSkipped(_ rows: [KeysetStream.Skipped]) async {
        for row in rows { await reportSkipped(endpoint: .orders, id: row.id, reason: row.reason, context: row.context) }
    }

    func reportSkipped(endpoint: Endpoint, id: Int?, reason: String, context: String) async {
        logger.error(
            "Skipped malformed QTickets row",
            metadata: [
                "endpoint": "\(endpoint.label)", "id": "\(id.map(String.init) ?? "unknown")", "where": "\(context)",
                "reason": "\(reason)",
            ]
        )
        await observer?.recordSkipped(endpoint: endpoint.label, id: id, reason: reason)
    }
}

extension Event: Identifiable {}
extension Order: Identifiable {}
