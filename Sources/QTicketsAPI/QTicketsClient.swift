import Foundation
import Logging

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
        list(.events, filters: filters)
    }

    /// All orders matching `filters`, every page, ordered by id ascending (new orders land at the
    /// end, so earlier pages do not shift while paging).
    public func orders(where filters: [WhereClause]) -> PagedSequence<Order> {
        list(.orders, filters: filters)
    }

    /// Orders whose `column` (default `updated_at`: any change, including refunds and
    /// cancellations) is in `[from, to)`. Cancelled orders are included on purpose: they must
    /// correct the days they belonged to.
    public func orders(changedFrom from: Date, to: Date, column: String = "updated_at") -> PagedSequence<Order> {
        orders(where: [.ge(column, from, timeZone: filterTimeZone), .lt(column, to, timeZone: filterTimeZone)])
    }

    /// One order (`GET orders/{id}`).
    public func order(id: Int) async throws -> Order {
        try await executor.get(.order(id: id), body: nil, as: SingleEnvelope<Order>.self).data
    }

    /// The seats of a show (`GET shows/{id}/seats`, flat, minimal `select`). Rows that do not
    /// decode are reported to the observer and left out.
    public func seats(showID: Int) async throws -> [Seat] {
        let endpoint = Endpoint.seats(showID: showID)
        let envelope = try await executor.get(endpoint, body: try SeatsRequestBody().jsonBytes(), as: SeatsEnvelope.self)
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

    private func list<T: Decodable & Sendable & Identifiable>(_ endpoint: Endpoint, filters: [WhereClause]) -> PagedSequence<T>
    where T.ID == Int {
        let executor = self.executor
        let pageSize = self.pageSize
        let client = self
        return PagedSequence(window: prefetchPages, identify: { $0.id }) { number in
            let body = try ListRequestBody(filters: filters, orderBy: ["id": "asc"], page: number, perPage: pageSize).jsonBytes()
            let page = try await executor.get(endpoint, body: body, as: ListPage<T>.self)
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

    private func reportSkipped(endpoint: Endpoint, id: Int?, reason: String, context: String) async {
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
