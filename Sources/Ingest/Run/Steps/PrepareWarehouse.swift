/// Step 1, under the run lock: the schema (created if missing), the staging tables of dead runs
/// dropped, the versions seeded above the warehouse's highest, the time zone recorded (or checked again), the ticket-day index filled
/// once for a warehouse built before it, and the run's `running` row in `meta_job_runs`, all
/// before anything is fetched: a warehouse that cannot be written fails the run at once, and a
/// run that got this far is always recorded with its final status. (A backfill's later slice
/// only writes its `running` row, ``recordRunning(window:)``.)
struct PrepareWarehouse: Sendable {
    let context: RunContext

    func run(window: CoverageTracker.Window) async throws {
        let warehouse = context.warehouse
        try await warehouse.prepareSchema()
        let stale = try await warehouse.dropStaleStages(liveWithinSeconds: context.configuration.lockTTLSeconds)
        if !stale.isEmpty {
            context.logger.info("Dropped staging tables of runs that did not finish", metadata: ["tables": "\(stale.joined(separator: ","))"])
        }
        context.versions.seed(atLeast: try await warehouse.maxVersion())
        let settings = try await warehouse.recordedSettings()
        try await context.timeZoneCheck.ensure(
            warehouse, settings: settings, versions: context.versions, now: context.options.wallClock(), logger: context.logger)
        let holdsTickets = try await warehouse.holdsTickets()
        // Nothing stored before this run: no ticket can move out of a stored day.
        if !holdsTickets { await context.tickets.lookUpOnly(idsUpTo: 0) }
        if settings[SettingRow.Key.ticketDaysIndex.rawValue] != SettingRow.indexComplete {
            try await fillTicketDayIndex(holdsTickets: holdsTickets)
        }
        try await recordRunning(window: window)
    }

    /// The run's `running` row only: all a later slice of a backfill does here, since an earlier
    /// slice under the same lock prepared the warehouse and seeded the versions the slices share
    /// (``RunContext/slice(runID:now:expectedListingPages:)``). That slice writes the row while its
    /// fetch starts (``IngestionRun/recorded(_:loss:window:warehousePrepared:compacts:unprepared:load:)``).
    func recordRunning(window: CoverageTracker.Window) async throws {
        try await context.warehouse.recordRun(JobRunRow(run: context, window: window, status: .running))
    }

    /// Every ticket already stored goes into the index, once (idempotent if interrupted: the
    /// next run fills again until it is recorded complete).
    private func fillTicketDayIndex(holdsTickets: Bool) async throws {
        let warehouse = context.warehouse
        if holdsTickets {
            context.logger.info("Filling the ticket-day index from the ticket table (once, for tickets written before it existed)")
            try await context.metrics.measure("ticket_days_fill") { try await warehouse.fillTicketDayIndex() }
        }
        try await warehouse.record(SettingRow(
            key: .ticketDaysIndex, value: SettingRow.indexComplete, updatedAt: context.options.wallClock().dateTimeSeconds,
            version: context.versions.next()))
    }
}
