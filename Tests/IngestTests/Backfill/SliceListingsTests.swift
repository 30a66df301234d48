import ClientSupport
import Foundation
import Logging
import QTicketsAPI
import QTicketsFake
import Testing
import TestSupport
@testable import Ingest

/// A backfill's slice listings started ahead (``SliceListings``), against the fake over
/// loopback: the next window's listing is started by the time the one before it is read, each
/// slice takes exactly its own, every order arrives once; a window the backfill's own plan
/// drops is cancelled and never taken.
@Suite(.serialized) struct SliceListingsTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    static func with(_ body: (QTicketsClient, Organiser) async throws -> Void) async throws {
        let organiser = Organiser.generate(OrganiserSpec(seed: 5, events: 6, maxShowsPerEvent: 2, orders: 2_400, historyHours: 24 * 30), now: now)
        let server = try await FakeQTicketsServer.start(organiser: organiser, token: "t", threads: 1)
        var configuration = QTicketsConfiguration(
            baseURL: try ServiceURL(server.baseURL), token: Secret("t"), requestsPerSecond: 500, burst: 50, concurrency: 4)
        configuration.pageSize = 100
        try await withCleanup {
            let client = try QTicketsClient(configuration: configuration, logger: Logger(label: "slice-listings-test"))
            try await withCleanup { try await body(client, organiser) } cleanup: { try await client.shutdown() }
        } cleanup: {
            try await server.shutdown()
        }
    }

    /// Three windows of ten days, newest first, as a backfill's plan lists them.
    static func windows() -> [KeysetRange] {
        let day = 86_400.0
        return [
            KeysetRange(column: "updated_at", from: now.addingTimeInterval(-10 * day)),
            KeysetRange(column: "updated_at", from: now.addingTimeInterval(-20 * day), to: now.addingTimeInterval(-10 * day)),
            KeysetRange(column: "updated_at", from: now.addingTimeInterval(-31 * day), to: now.addingTimeInterval(-20 * day)),
        ]
    }

    @Test func eachSliceTakesItsOwnListingStartedWhenTheOneBeforeWasDrained() async throws {
        try await Self.with { client, organiser in
            let listings = SliceListings(api: client, clock: RunClock(start: Self.now))
            let windows = Self.windows()
            listings.plan(windows, final: false)
            listings.startFirst()
            var ids: [Int] = []
            for window in windows {
                // Started ahead: the first by the prefetch, each next one by the listing before it.
                let listing = try #require(listings.take(window), "\(window)")
                try await listing.consume { page in ids += page.orders.map(\.id) }
            }
            listings.cancel()
            let truth = organiser.orders.filter { $0.updatedAt >= Int(windows[2].from.timeIntervalSince1970) }.map(\.id)
            #expect(truth.count > 1_000)
            #expect(ids.count == truth.count)  // each once
            #expect(Set(ids) == Set(truth))
        }
    }

    @Test func aWindowTheBackfillsOwnPlanDropsIsCancelledAndNeverTaken() async throws {
        try await Self.with { client, _ in
            let listings = SliceListings(api: client, clock: RunClock(start: Self.now))
            let windows = Self.windows()
            listings.plan(windows, final: false)
            listings.startFirst()
            // Under the lock, the coverage says the open slice starts later (a catch-up): the
            // prefetch's listing of the old window is dropped, and a later prefetch plan is ignored.
            let caughtUp = KeysetRange(column: "updated_at", from: Self.now.addingTimeInterval(-3_600))
            listings.plan([caughtUp] + windows.dropFirst(), final: true)
            listings.plan(windows, final: false)
            #expect(listings.take(windows[0]) == nil)
            // A window read by its slice itself is never started again.
            #expect(listings.take(caughtUp) == nil)
            listings.startFirst()
            #expect(listings.take(caughtUp) == nil)
            listings.cancel()
        }
    }
}
