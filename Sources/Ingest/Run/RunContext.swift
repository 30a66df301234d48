import Foundation
import Logging
import QTicketsAPI

/// What the steps of one run share, set up once by ``Ingestion``: the API client, the
/// warehouse and the ticket sink it handed out, the metrics and the clocks. (The run's window
/// is decided by ``IngestionRun`` once it has read the coverage: ``RunWindow``.)
struct RunContext: Sendable {
    let configuration: IngestConfiguration
    let options: Ingestion.Options
    let api: QTicketsClient
    let warehouse: any Warehouse
    /// The ticket sink behind the stored-state look-up (a change that moves a ticket out of a
    /// day fixes that day too).
    let tickets: StoredDayLookup
    let metrics: RunMetrics
    let logger: Logger
    let calendar: SalesCalendar
    /// The versions of `meta_job_runs`, inventory, settings and daily rows; seeded from the
    /// warehouse before the first write (``PrepareWarehouse``). A backfill's slices share the
    /// backfill's clock (``slice(runID:now:expectedListingPages:)``).
    let versions: VersionClock
    /// The fetch times of ticket versions.
    let fetchClock: FetchClock
    /// `options.now`, advancing: when the re-check starts, where an open window is cut.
    let clock: RunClock
    /// `QTICKETS_API_CLOCK_SKEW_SECONDS`: how far the API's clock may run behind ours.
    let skew: TimeInterval
    /// About how many pages the run's listing holds, when a newer slice of the same backfill
    /// measured it (``ListingDensity``): the listing is then cut without a probe.
    var expectedListingPages: Int?
    /// A backfill's listings started ahead of their slices (``SliceListings``); `nil` for a run
    /// that is not a backfill's slice.
    var listings: SliceListings?

    init(
        configuration: IngestConfiguration, options: Ingestion.Options, api: QTicketsClient, warehouse: any Warehouse, metrics: RunMetrics,
        logger: Logger, versions: VersionClock? = nil
    ) {
        self.configuration = configuration
        self.options = options
        self.api = api
        self.warehouse = warehouse
        self.tickets = StoredDayLookup(warehouse: warehouse, sink: warehouse.ticketSink())
        self.metrics = metrics
        self.logger = logger
        self.calendar = SalesCalendar(timeZone: configuration.timeZone)
        self.versions = versions ?? VersionClock(wallClock: options.wallClock)
        self.fetchClock = FetchClock(wallClock: options.wallClock)
        self.clock = RunClock(start: options.now)
        self.skew = TimeInterval(configuration.apiClockSkewSeconds)
    }
}

extension RunContext {
    /// Whether this run is a backfill in slices (``BackfillPlan``).
    var isBackfill: Bool {
        options.dates != nil || BackfillPlan.isSliced(sinceHours: options.sinceHours, sliceDays: configuration.sliceDays)
    }

    /// The context of one slice of a backfill: its own run id and start (its `meta_job_runs`
    /// row), ticket sink and clocks; the same clients, warehouse, metrics, logger and versions.
    ///
    /// Why one version clock for the whole backfill: under the one lock nothing else writes, so
    /// the clock the first slice seeded from the warehouse (``PrepareWarehouse``) stays above
    /// every stored version, and its versions rise across slices whose writes overlap (an older
    /// slice fetches while the newer one recomputes). A later slice then reads no
    /// `max(version)` before it starts: one ClickHouse round trip less at each boundary, where
    /// the source waits.
    func slice(runID: String, now: Date, expectedListingPages: Int? = nil, listings: SliceListings? = nil) -> RunContext {
        var options = options
        options.runID = runID
        options.now = now
        var context = RunContext(
            configuration: configuration, options: options, api: api, warehouse: warehouse, metrics: metrics, logger: logger, versions: versions)
        context.expectedListingPages = expectedListingPages
        context.listings = listings
        return context
    }

    /// The warehouse's one time zone against this run's `TZ` and where it came from.
    var timeZoneCheck: TimeZoneCheck {
        TimeZoneCheck(
            zone: calendar.timeZone, name: configuration.timeZoneName,
            origin: configuration.origins[ConfigKeys.timeZone.name] ?? "the built-in default",
            database: configuration.clickHouseDatabase)
    }
}
