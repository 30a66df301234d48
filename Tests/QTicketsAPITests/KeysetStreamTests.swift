import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// The keyset primitive against the fake over HTTP: one range read by several streams at once
/// delivers every order exactly once, in id order within each stream, whatever page size the
/// server picks, through retry storms, and when most sub-ranges are empty.
@Suite(.serialized) struct KeysetStreamTests {
    /// The generated organiser's history (72 hours before `FakeAPI.now`), open above.
    static let history = KeysetRange(column: "updated_at", from: FakeAPI.now.addingTimeInterval(-73 * 3_600))

    static func feed(_ client: QTicketsClient, _ range: KeysetRange = history, where filters: [WhereClause] = []) async throws -> [OrderPage] {
        var pages: [OrderPage] = []
        try await client.orderPages(in: range, where: filters, splittingUntil: FakeAPI.now) { pages.append($0) }
        return pages
    }

    /// Each of `expected` exactly once, ascending within each stream, and the streams' totals
    /// adding up to what arrived.
    static func expectExactlyOnce(_ pages: [OrderPage], _ expected: [Int], sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = pages.flatMap { $0.orders.map(\.id) }
        #expect(ids.count == expected.count, sourceLocation: sourceLocation)
        #expect(ids.sorted() == expected.sorted(), sourceLocation: sourceLocation)
        for (range, stream) in Dictionary(grouping: pages, by: \.range) {
            let streamIDs = stream.flatMap { $0.orders.map(\.id) }
            #expect(streamIDs == streamIDs.sorted(), "stream \(range) out of id order", sourceLocation: sourceLocation)
        }
        #expect(pages.reduce(0) { $0 + $1.expected } == expected.count, sourceLocation: sourceLocation)
    }

    @Test func aRangeReadByManyStreamsDeliversEveryOrderOnceInIdOrderPerStream() async throws {
        let organiser = FakeAPI.organiser(orders: 6_000)
        try await FakeAPI.with(organiser) { api in
            let pages = try await api.withClient(concurrency: 4) { try await Self.feed($0) }
            Self.expectExactlyOnce(pages, organiser.orders.map(\.id))
            let streams = Set(pages.map(\.range))
            #expect(streams.count > 4, "the range should have been cut into more sub-ranges than workers")
            // Each sub-range costs at most one request more than its pages: 120 pages of 50.
            let requests = await api.server.stats().byRoute["orders"] ?? 0
            #expect(requests <= 120 + streams.count)
            #expect(api.observer.skipped.isEmpty && !api.tokenLeaked)
        }
    }

    @Test(arguments: [7, 1_000])
    func theServerPicksAnotherPageSizeThanAsked(maxPerPage: Int) async throws {
        // The client asks 500 a page; the fake serves at most 7 (or honours the 500).
        let organiser = FakeAPI.organiser(orders: 1_500)
        try await FakeAPI.with(organiser, options: FakeServerOptions(maxPerPage: maxPerPage)) { api in
            let pages = try await api.withClient(concurrency: 3) { try await Self.feed($0) }
            Self.expectExactlyOnce(pages, organiser.orders.map(\.id))
            #expect(pages.allSatisfy { $0.rows <= min(maxPerPage, 500) })
            let sequential = try await api.withClient { try await FakeAPI.ids($0.orders(where: [])) }
            #expect(sequential == organiser.orders.map(\.id).sorted())
        }
    }

    @Test func stormsOf429And503DeliverEveryOrderOnce() async throws {
        let organiser = FakeAPI.organiser(orders: 3_000)
        let faults = FaultPlan(status429EveryN: 7, retryAfterSeconds: 1, status503EveryN: 5, dropConnectionEveryN: 11)
        try await FakeAPI.with(organiser, faults: faults) { api in
            let pages = try await api.withClient(concurrency: 4) { try await Self.feed($0) }
            Self.expectExactlyOnce(pages, organiser.orders.map(\.id))
            let stats = await api.server.stats()
            #expect(stats.injected429 > 0 && stats.injected503 > 0 && stats.droppedConnections > 0)
        }
    }

    @Test func emptySubRangesCostOneRequestEachAndLoseNothing() async throws {
        // A year's range over 72 hours of history: nearly every sub-range is empty.
        let organiser = FakeAPI.organiser(orders: 4_000)
        let year = KeysetRange(column: "updated_at", from: FakeAPI.now.addingTimeInterval(-365 * 86_400))
        try await FakeAPI.with(organiser) { api in
            let pages = try await api.withClient(concurrency: 4) { try await Self.feed($0, year) }
            Self.expectExactlyOnce(pages, organiser.orders.map(\.id))
            let streams = Set(pages.map(\.range))
            let empty = Dictionary(grouping: pages, by: \.range).filter { $0.value.allSatisfy(\.orders.isEmpty) }
            #expect(empty.count > streams.count / 2)
            #expect(empty.values.allSatisfy { $0.count == 1 }, "an empty sub-range is one request")
            #expect(await api.server.stats().byRoute["orders"] ?? 0 <= 80 + streams.count)
        }
    }

    @Test func aRangeWhosePagesAreExpectedIsCutWithoutAProbeAndLosesNothing() async throws {
        // 3,000 orders in pages of 50: 60 pages. Told so, the feed cuts the range at once (no
        // stream is the whole range); told 10 times too many, it only costs requests.
        let organiser = FakeAPI.organiser(orders: 3_000)
        let range = KeysetRange(column: "updated_at", from: Self.history.from, to: FakeAPI.now.addingTimeInterval(1))
        for expected in [60, 600] {
            try await FakeAPI.with(organiser) { api in
                var pages: [OrderPage] = []
                try await api.withClient(concurrency: 4) { client in
                    try await client.orderPages(in: range, splittingUntil: FakeAPI.now, expectingPages: expected) { pages.append($0) }
                }
                Self.expectExactlyOnce(pages, organiser.orders.map(\.id))
                let streams = Set(pages.map(\.range))
                #expect(streams.count == OrderFeed.subRanges(pagesLeft: expected, workers: 4))
                #expect(!streams.contains(range), "the whole range was probed")
                #expect(pages.allSatisfy { $0.perPage == 50 })
                #expect(await api.server.stats().byRoute["orders"] ?? 0 <= 60 + streams.count)
            }
        }
    }

    @Test func aBoundedRangeHoldsOnlyItsOrders() async throws {
        let organiser = FakeAPI.organiser(orders: 3_000)
        let times = organiser.orders.map(\.payedAt).compactMap { $0 }.sorted()
        let (from, to) = (times[times.count / 4], times[3 * times.count / 4])
        let range = KeysetRange(column: "payed_at", from: Date(timeIntervalSince1970: Double(from)), to: Date(timeIntervalSince1970: Double(to)))
        try await FakeAPI.with(organiser) { api in
            let pages = try await api.withClient(concurrency: 4) { try await Self.feed($0, range) }
            let expected = organiser.orders.filter { ($0.payedAt ?? .min) >= from && ($0.payedAt ?? .max) < to }.map(\.id)
            Self.expectExactlyOnce(pages, expected)
        }
    }

    @Test func aSlowConsumerHoldsBackTheStreams() async throws {
        // 100 pages, 4 workers: the fetched pages never run ahead of the consumed ones by more
        // than the buffer (2 a worker), one page in each worker's hands and one in flight each.
        let organiser = FakeAPI.organiser(orders: 5_000)
        try await FakeAPI.with(organiser) { api in
            var consumed = 0
            var ahead = 0
            try await api.withClient(concurrency: 4) { client in
                try await client.orderPages(in: Self.history, splittingUntil: FakeAPI.now) { _ in
                    consumed += 1
                    ahead = max(ahead, (await api.server.stats().byRoute["orders"] ?? 0) - consumed)
                    try await Task.sleep(for: .milliseconds(15))
                }
            }
            #expect(consumed >= 100)
            #expect(ahead <= 4 * 4 + 1)
        }
    }

    @Test func aConsumerFailureStopsTheStreams() async throws {
        struct Stop: Error {}
        let organiser = FakeAPI.organiser(orders: 5_000)
        try await FakeAPI.with(organiser) { api in
            await #expect(throws: Stop.self) {
                try await api.withClient(concurrency: 4) { client in
                    var pages = 0
                    try await client.orderPages(in: Self.history, splittingUntil: FakeAPI.now) { _ in
                        pages += 1
                        if pages == 5 { throw Stop() }
                    }
                }
            }
            // Requests cancelled in flight may still reach the server; then nothing more comes.
            try await Task.sleep(for: .milliseconds(300))
            let requests = await api.server.stats().byRoute["orders"] ?? 0
            try await Task.sleep(for: .milliseconds(300))
            #expect(await api.server.stats().byRoute["orders"] ?? 0 == requests, "no request after the feed returned")
            #expect(requests <= 5 + 4 * 4 + 1)
        }
    }

    @Test func aBodyIgnoringAPIFailsTheListing() async throws {
        let organiser = FakeAPI.organiser(orders: 1_000)
        let recent = KeysetRange(column: "updated_at", from: FakeAPI.now.addingTimeInterval(-3_600))
        try await FakeAPI.with(organiser, faults: FaultPlan(ignoreRequestBody: true)) { api in
            try await api.withClient { client in
                do {
                    _ = try await Self.feed(client, recent)
                    Issue.record("a body-ignoring API was taken at its word")
                } catch let error as QTicketsError {
                    guard case .filtersIgnored(let endpoint, let asked, let got) = error else { throw error }
                    #expect(endpoint == "orders")
                    #expect(asked.contains("updated_at >= ") && asked.hasSuffix("page 1"))
                    #expect(got.contains("outside updated_at >= "))
                    #expect("\(error)".hasPrefix("the API ignored the request filters on orders: asked "))
                }
                // An offset listing: page 2 answered as page 1.
                await #expect(throws: QTicketsError.self) {
                    for try await _ in client.events() {}
                }
            }
        }
    }

    @Test func anUnreadableIDAtTheEndOfAPageIsSkippedOnceAndTheWalkGoesOn() async throws {
        let organiser = FakeAPI.organiser(orders: 300)
        let ids = organiser.orders.map(\.id).sorted()
        // The 50th order ends the first page (50 a page): the cursor cannot be it.
        let bad = ids[49]
        try await FakeAPI.with(organiser, faults: FaultPlan(badRecords: [bad: .idBeyondInt64])) { api in
            let got = try await api.withClient { try await FakeAPI.ids($0.orders(where: [])) }
            #expect(got == ids.filter { $0 != bad })
            #expect(api.observer.skipped.count == 1)
            #expect(api.observer.skipped.first?.id == nil)
        }
    }
}
