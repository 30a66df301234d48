import Foundation

/// Every order of a range, each exactly once, fetched by keyset streams running at once.
///
/// A probe asks the range's first page: a small listing (the usual 15-minute run) then goes on
/// as that one stream. A large one (a backfill) is cut into time sub-ranges, more of them than
/// workers so that one dense sub-range does not leave the others idle; every sub-range starts
/// after the probe's cursor (the probe already delivered the range's lowest ids), and the
/// workers take them from a queue, each walking one as a sequential ``KeysetStream``. Pages
/// reach the consumer through a ``PageBuffer``: memory stays bounded by a few pages per worker.
///
/// A caller that already knows about how many pages the range holds (a backfill's older slice,
/// from the density of the newer one) says so (`expectedPages`), and the range is cut at once:
/// the probe is one page fetched while every other worker waits, once per slice.
///
/// Two hooks serve a listing fetched ahead of its consumer (``OrderListing``): `gate` is awaited
/// before every request (a budget of pages held), and `drained` hears once that a worker has
/// nothing left to take, with what the listing expects to deliver: from there the source has a
/// free slot, and the next listing may start.
struct OrderFeed: Sendable {
    let client: QTicketsClient
    let range: KeysetRange
    let filters: [WhereClause]
    let timeZone: TimeZone
    let workers: Int
    /// Where an open range is cut (the caller's now).
    let splitEnd: Date
    /// About how many pages the range holds, when the caller knows: more than the workers, and
    /// the range is cut without a probe. A wrong guess costs requests (an empty sub-range is one
    /// request), never orders: every sub-range is walked to its end.
    var expectedPages: Int? = nil
    /// Awaited before each request.
    var gate: (@Sendable () async throws -> Void)? = nil
    /// Once, when a worker found the queue empty and every stream has told its total.
    var drained: (@Sendable (ListingEstimate) -> Void)? = nil
    /// Whether rows that did not decode are reported as pages reach `consume` (a listing
    /// fetched ahead reports them when its own consumer takes the page).
    var reportsSkipped = true

    func run(_ consume: (OrderPage) async throws -> Void) async throws {
        if let expectedPages {
            let parts = range.split(into: Self.subRanges(pagesLeft: expectedPages, workers: workers), until: splitEnd)
            if parts.count > 1 {
                let streams = parts.map { ($0, KeysetStream(filters: $0.filters(timeZone: timeZone) + filters)) }
                return try await drain(streams, tally: DrainTally(streams: streams.count, known: nil), consume)
            }
        }
        var probe = KeysetStream(filters: range.filters(timeZone: timeZone) + filters)
        guard let first = try await next(&probe) else { return }
        let pagesLeft = probe.isFinished ? 0 : Self.pages(first.total - first.rawCount, perPage: first.perPage)
        let parts = range.split(into: Self.subRanges(pagesLeft: pagesLeft, workers: workers), until: splitEnd)
        let estimate = ListingEstimate(orders: first.total, perPage: first.perPage)
        guard parts.count > 1 else {
            if probe.isFinished { drained?(estimate) }
            try await deliver(OrderPage(first, expected: first.total, range: range), consume)
            while let page = try await next(&probe) {
                if probe.isFinished { drained?(estimate) }
                try await deliver(OrderPage(page, expected: 0, range: range), consume)
            }
            return
        }
        try await deliver(OrderPage(first, expected: first.rawCount, range: range), consume)
        let streams = parts.map { ($0, KeysetStream(filters: $0.filters(timeZone: timeZone) + filters, after: probe.cursor)) }
        try await drain(streams, tally: DrainTally(streams: streams.count, known: estimate), consume)
    }

    /// One stream for one worker, or while the rest fits in one page per worker; otherwise
    /// 4 sub-ranges per worker, fewer when there are few pages (each costs at least a request).
    /// A backfill slice of 9 pages was one stream of 9 sequential requests (two pages per worker
    /// did not split it): a 100k-order backfill's 13 slices waited on them one after another.
    static func subRanges(pagesLeft: Int, workers: Int) -> Int {
        guard workers > 1, pagesLeft > workers else { return 1 }
        return min(4 * workers, max(workers, pagesLeft / 4))
    }

    private static func pages(_ rows: Int, perPage: Int) -> Int {
        let size = max(1, perPage)
        return (max(0, rows) + size - 1) / size
    }

    /// Hands `page` to `consume`, its undecodable rows reported first (unless the consumer does).
    private func deliver(_ page: OrderPage, _ consume: (OrderPage) async throws -> Void) async throws {
        if reportsSkipped { await client.reportSkipped(page.skipped) }
        try await consume(page)
    }

    /// The stream's next page, through the gate (no request, and no wait, once it is finished).
    private func next(_ stream: inout KeysetStream) async throws -> KeysetStream.Page? {
        guard !stream.isFinished else { return nil }
        try await gate?()
        return try await stream.next(from: client)
    }

    /// The workers fill the buffer; this task empties it into `consume`. The first failure, a
    /// worker's or the consumer's, cancels the rest.
    private func drain(
        _ streams: [(KeysetRange, KeysetStream)], tally: DrainTally, _ consume: (OrderPage) async throws -> Void
    ) async throws {
        let queue = WorkQueue(streams)
        let width = min(workers, streams.count)
        // One decoded page waiting per worker (and one more held by each worker while it waits):
        // with 1,000 orders a page, pages are most of a backfill's memory.
        let buffer = PageBuffer<OrderPage>(capacity: width, producers: width)
        let drained = self.drained
        let report: @Sendable (ListingEstimate?) -> Void = { estimate in if let estimate { drained?(estimate) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            defer { buffer.close() }
            for _ in 0..<width {
                group.addTask {
                    do {
                        while case (let part, var stream)? = queue.next() {
                            while let page = try await next(&stream) {
                                if page.isFirst { report(tally.answered(total: page.total, perPage: page.perPage)) }
                                try await buffer.send(OrderPage(page, expected: page.isFirst ? page.total : 0, range: part))
                            }
                        }
                        report(tally.idle())
                        buffer.producerFinished()
                    } catch {
                        buffer.fail(error)
                        throw error
                    }
                }
            }
            while let page = try await buffer.next() { try await deliver(page, consume) }
            try await group.waitForAll()
        }
    }
}
