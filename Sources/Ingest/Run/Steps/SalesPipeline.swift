import Foundation
import QTicketsAPI

/// Step 3, sales: orders → ticket rows → the ticket sink, and the set of days whose daily facts
/// must be recomputed.
///
/// What a run loads: every order whose `updated_at` (the configured column) is at or after the
/// window's start, with no upper bound (a change the API stamps ahead of our clock is loaded by
/// the run that sees it), read by keyset streams (``QTicketsClient/orderPages(in:where:splittingUntil:expectingPages:_:)``);
/// then a re-check of every order changed since the run began minus the clock skew, so an
/// order that changed while the window was read is loaded in its latest state. Streams: a page
/// is transformed and handed to the sink as it arrives, so a year's backfill runs in bounded
/// memory, and nothing keeps a set of order ids (an order read twice is written twice, the
/// later state winning).
struct SalesPipeline: Sendable {
    struct Result: Sendable {
        var orders = 0
        var tickets = 0
        var soldTickets = 0
        var touchedDays = Set<UInt16>()
        var completedDays = 0
        /// The largest page size the server served the listing (0: no page).
        var pageSize = 0
        /// The days older than the covered edge that are complete now: those the caller said
        /// were (``run(events:from:to:coveredSince:complete:)``) and those this run completed.
        var completeDays = Set<UInt16>()
        /// When the re-check began (the end of the window the run loaded).
        var recheckStart: Date?
    }

    let context: RunContext
    let transform: TicketTransform

    init(context: RunContext) {
        self.context = context
        self.transform = TicketTransform(calendar: context.calendar)
    }

    /// `from`: the window's start (``RunWindow``); `to`: its end for a backfill's older slice
    /// (``BackfillSlice``: no re-check, the newer slices loaded what changed since), `nil` for
    /// an open window; `coveredSince`: from when the ticket table holds every ticket
    /// (``CoverageTracker``).
    /// `complete`: days already completed by payment time by an earlier slice of the same
    /// backfill; every ticket paid on them is in the table, so they are not read again.
    /// `slice`: a backfill slice's own days (recomputed whole) and the days deferred to older
    /// slices (neither read by payment time nor recomputed here, ``SliceDays``).
    /// `beforeCompletions`: awaited before the first completion by payment time (``SliceHooks``).
    func run(
        events: [Event], from: Date, to: Date? = nil, coveredSince: Date, complete alreadyComplete: Set<UInt16> = [],
        slice: SliceDays = .none, beforeCompletions: @Sendable () async -> Void = {}
    ) async throws -> Result {
        let column = context.configuration.ordersDateColumn
        var state = SalesPipelineState(events: events)
        let result = try await context.metrics.measure("fetch_orders") {
            try await read(
                KeysetRange(column: column, from: from, to: to), into: &state, counted: true, expectingPages: context.expectedListingPages,
                listed: context.listings)
            if to == nil {
                state.result.recheckStart = context.clock.now()
                try await read(KeysetRange(column: column, from: context.options.now.addingTimeInterval(-context.skew)), into: &state, counted: true)
            }
            context.logger.info("Fetched events/orders", metadata: [
                "events": "\(events.count)", "shows": "\(events.reduce(0) { $0 + $1.shows.count })",
                "orders": "\(state.result.orders)", "tickets": "\(state.result.tickets)",
            ])
            state.result.touchedDays.formUnion(slice.own)
            try await complete(
                &state, coveredSince: coveredSince, alreadyComplete: alreadyComplete, deferred: slice.deferred, before: beforeCompletions)
            state.result.touchedDays.subtract(slice.deferred)
            return state.result
        }
        await context.metrics.add("tickets", result.tickets)
        await context.metrics.add("sold_tickets", result.soldTickets)
        context.logger.info("Transformed orders into sales rows", metadata: [
            "orders": "\(result.orders)", "ticket_rows": "\(result.tickets)",
            "sold_tickets": "\(result.soldTickets)", "touched_days": "\(result.touchedDays.count)",
            "completed_days": "\(result.completedDays)",
        ])
        return result
    }

    /// Every order of `range`, page by page into `state`; `counted` pages feed the progress
    /// counters (`orders`, `order_pages`, `orders_expected`); `expectingPages`: about how many
    /// pages the range holds, when known (``ListingDensity``). `listed`: a backfill's listings
    /// (``SliceListings``): the one started ahead for `range` is taken, and otherwise this
    /// listing, once drained, starts the next slice's.
    private func read(
        _ range: KeysetRange, into state: inout SalesPipelineState, counted: Bool, expectingPages: Int? = nil, listed: SliceListings? = nil
    ) async throws {
        if let listing = listed?.take(range) {
            return try await listing.consume { page in try await state.take(page, pipeline: self, counted: counted) }
        }
        let drained = listed.map { listed in { @Sendable estimate in listed.drained(range, estimate: estimate) } }
        try await context.api.orderPages(in: range, splittingUntil: context.clock.now(), expectingPages: expectingPages, drained: drained) {
            page in try await state.take(page, pipeline: self, counted: counted)
        }
    }

    /// Days that start before the covered edge may be only partly in the ticket table: fetch
    /// all of their orders by payment time before they are recomputed. The days tickets moved
    /// out of (``StoredDayLookup``) are touched too, and a completion may find more of them.
    private func complete(
        _ state: inout SalesPipelineState, coveredSince: Date, alreadyComplete: Set<UInt16>, deferred: Set<UInt16>,
        before: @Sendable () async -> Void
    ) async throws {
        let calendar = context.calendar
        var completed = alreadyComplete
        var waited = false
        defer { state.result.completeDays = completed }
        while true {
            state.result.touchedDays.formUnion(try await context.tickets.takeMovedDays())
            let incomplete = state.result.touchedDays.filter {
                calendar.start(ofDay: $0) < coveredSince && !completed.contains($0) && !deferred.contains($0)
            }
            guard !incomplete.isEmpty else { return }
            if !waited {
                await before()
                waited = true
            }
            completed.formUnion(incomplete)
            try await complete(days: incomplete, &state)
        }
    }

    private func complete(days incomplete: Set<UInt16>, _ state: inout SalesPipelineState) async throws {
        let calendar = context.calendar
        for range in Self.contiguousRanges(incomplete) {
            context.logger.debug("Completing days older than the covered window", metadata: [
                "from": "\(SalesCalendar.isoDate(range.lowerBound))", "to": "\(SalesCalendar.isoDate(range.upperBound))",
            ])
            let days = KeysetRange(column: "payed_at", from: calendar.start(ofDay: range.lowerBound), to: calendar.start(ofDay: range.upperBound &+ 1))
            try await read(days, into: &state, counted: false)
            state.result.completedDays += range.count
        }
    }

    static func contiguousRanges(_ days: Set<UInt16>) -> [ClosedRange<UInt16>] {
        var ranges: [ClosedRange<UInt16>] = []
        for day in days.sorted() {
            if let last = ranges.last, last.upperBound &+ 1 == day {
                ranges[ranges.count - 1] = last.lowerBound...day
            } else {
                ranges.append(day...day)
            }
        }
        return ranges
    }
}
