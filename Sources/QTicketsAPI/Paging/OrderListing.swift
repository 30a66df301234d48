import Foundation
import Synchronization

/// An order listing started before its consumer: an ``OrderFeed`` whose pages wait in a buffer
/// until ``consume(_:)`` takes them, each request paid for by a permit of a shared
/// ``PageBudget`` until then.
///
/// Why: a backfill may not write before its run lock is held, and its newest slice waits for
/// the seats (the lock's lease used to take up to a second and a half to settle too); the
/// source then sat idle, once the seats were in. A backfill slice's listing also waited for the
/// newer slice's listing to be read whole, while its last pages kept one or two workers of four
/// busy. Started ahead, a listing fills those idle slots, and its slice loads the pages when
/// its turn comes: nothing is written earlier, nothing is fetched twice. Rows that do not
/// decode are reported as their page is consumed, so a slice counts its own
/// (``KeysetStream/Skipped``).
public final class OrderListing: Sendable {
    private static let ids = Atomic<Int>(0)

    /// The range listed: a consumer takes a listing of exactly its own range.
    public let range: KeysetRange
    private let id: Int
    private let client: QTicketsClient
    private let budget: PageBudget
    private let buffer: PageBuffer<OrderPage>
    /// Pages that may wait once the listing is consumed (``consume(_:)``).
    private let capacity: Int
    /// Permits this listing's pages hold (given back as they are consumed, or on cancel), and
    /// whether it was cancelled (a permit granted after that goes back at once).
    private let held = Mutex((count: 0, cancelled: false))
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Starts `feed`. Until ``consume(_:)`` its requests wait for permits of `budget`, and at
    /// most `readAhead` pages wait in its buffer (`capacity` when nil); once consumed, it needs
    /// no permits and at most `capacity` pages wait.
    ///
    /// Why two sizes: the listing started before any slice runs has nothing else to hold
    /// memory beside it and may fill the budget; with `capacity` only, it filled its few pages
    /// and stopped (the next listing starts only when this one's range is read), and at 1M
    /// orders (80 pages in a 30-day slice) both CPUs idled for the last 0.3 s of the lease's
    /// settle (as it was then). A listing started beside a running slice keeps `capacity`: a budget's worth of pages
    /// beside the slice's insert batches is memory for no gain (the fetch then runs ahead of a
    /// running consumer anyway). Measured at 1M orders, settles made long, against `capacity`
    /// only: wall / same requests 1.23 and 1.33 against 1.29 and 1.30, peak RSS 83 to 85 MB
    /// against 72 to 73; with a budget of 72 pages the CPUs idled 0.6 CPU-s of the run instead
    /// of 1.2.
    init(feed: OrderFeed, budget: PageBudget, capacity: Int, readAhead: Int? = nil) {
        self.range = feed.range
        self.id = Self.ids.wrappingAdd(1, ordering: .relaxed).newValue
        self.client = feed.client
        self.budget = budget
        self.capacity = capacity
        self.buffer = PageBuffer(capacity: readAhead ?? capacity, producers: 1)
        start(feed)
    }

    private func start(_ feed: OrderFeed) {
        var feed = feed
        feed.gate = { [weak self] in try await self?.permit() }
        feed.reportsSkipped = false
        let buffer = self.buffer
        let started = Task {
            do {
                try await feed.run { try await buffer.send($0) }
                buffer.producerFinished()
            } catch {
                buffer.fail(error)
            }
        }
        task.withLock { $0 = started }
    }

    /// Every page, in the order fetched, into `consume`, as ``QTicketsClient/orderPages(in:where:splittingUntil:expectingPages:drained:_:)``
    /// hands them; the first failure (the fetch's or `consume`'s) is thrown and stops the rest.
    public func consume(_ consume: (OrderPage) async throws -> Void) async throws {
        buffer.limit(to: capacity)
        budget.bypass(id)
        do {
            while let page = try await buffer.next() {
                giveBack(1)
                await client.reportSkipped(page.skipped)
                try await consume(page)
            }
        } catch {
            cancel()
            throw error
        }
        await task.withLock { $0 }?.value
    }

    /// Stops the fetch and drops what it holds (a listing no slice took).
    public func cancel() {
        task.withLock { $0 }?.cancel()
        buffer.close()
        budget.bypass(id)
        let count = held.withLock { held in
            held.cancelled = true
            defer { held.count = 0 }
            return held.count
        }
        budget.release(count)
    }

    /// The gate before each request. A cancelled listing sends nothing more, also once its
    /// budget is bypassed (``cancel()`` bypasses it, so that no permit waits on it): the gate
    /// then needs no permit, and a worker between two pages would otherwise ask one more.
    private func permit() async throws {
        try Task.checkCancellation()
        let permitted = try await budget.acquire(for: id)
        let cancelled = held.withLock { held in
            if permitted, !held.cancelled { held.count += 1 }
            return held.cancelled
        }
        if cancelled {
            if permitted { budget.release(1) }
            throw CancellationError()
        }
    }

    private func giveBack(_ most: Int) {
        let count = held.withLock { held in
            let count = min(held.count, most)
            held.count -= count
            return count
        }
        budget.release(count)
    }
}
