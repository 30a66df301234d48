import ClickHouseHTTP
import ClientSupport
import Foundation
import Logging
import QTicketsAPI

/// One ingestion run, end to end (DESIGN.md §2).
///
/// 1. Create the schema (idempotent) and record the run as `running`.
/// 2. Fetch the live events (all pages), then, concurrently: the orders changed in the window
///    streamed into ticket rows, and a fan-out over the pollable shows' seats into inventory rows.
///    Every request goes through the client's rate-limiting actor.
/// 3. Complete the touched days the ticket table may hold only partly (see ``CoverageTracker``),
///    flush, and recompute those days' daily facts inside ClickHouse.
/// 4. Record the final status with the metrics, merge the small tables, print the summary.
///
/// A failure anywhere (a fatal API error, a batch that could not be written, a malformed order
/// that had to be skipped, a signal) ends the run as `error` with its message: never a silent
/// partial success. Buffered rows are flushed or reported even then.
public struct IngestionRun: Sendable {
    public struct Options: Sendable {
        public var sinceHours: Int
        public var dryRun: Bool
        public var now: Date
        public var runID: String
        public var toolVersion: String

        public init(sinceHours: Int, dryRun: Bool, now: Date = Date(), runID: String = UUID().uuidString.lowercased(), toolVersion: String) {
            self.sinceHours = sinceHours
            self.dryRun = dryRun
            self.now = now
            self.runID = runID
            self.toolVersion = toolVersion
        }
    }

    let configuration: IngestConfiguration
    let options: Options
    let api: QTicketsClient
    let clickHouse: ClickHouseClient?
    let metrics: RunMetrics
    let logger: Logger
    let calendar: SalesCalendar

    public init(configuration: IngestConfiguration, options: Options, api: QTicketsClient, clickHouse: ClickHouseClient?, metrics: RunMetrics, logger: Logger) {
        self.configuration = configuration
        self.options = options
        self.api = api
        self.clickHouse = options.dryRun ? nil : clickHouse
        self.metrics = metrics
        self.logger = logger
        self.calendar = SalesCalendar(timeZone: configuration.timeZone)
    }

    var window: CoverageTracker.Window {
        CoverageTracker.Window(from: options.now.addingTimeInterval(-Double(options.sinceHours) * 3_600), to: options.now)
    }

    /// Runs to the end and reports; never throws. Cancellation (a signal) ends it as `error`.
    public func run() async -> RunReport {
        logger.info("Starting QTickets API ingestion run", metadata: [
            "run_id": "\(options.runID)", "version": "\(options.toolVersion)", "organiser": "\(configuration.organiserName)",
            "window_from": "\(Self.iso(window.from))", "window_to": "\(Self.iso(window.to))",
            "since_hours": "\(options.sinceHours)", "dry_run": "\(options.dryRun)", "time_zone": "\(calendar.timeZone.identifier)",
        ])
        var recorder: JobRunRecorder?
        var failure: String?
        var rows: [String: Int] = [:]
        var preview: [String] = []

        if let clickHouse {
            let jobRuns = JobRunRecorder(client: clickHouse, database: configuration.clickHouseDatabase, logger: logger)
            do {
                for statement in IngestSchema.statements(database: configuration.clickHouseDatabase) {
                    try await clickHouse.execute(statement)
                }
                try await jobRuns.write(jobRunRow(status: "running", message: "", finished: nil, rows: 0, metrics: "{}"))
                recorder = jobRuns
            } catch {
                failure = "ClickHouse not usable: \(error)"
            }
        }

        if failure == nil {
            do {
                rows = try await ingest(recorder: recorder, preview: &preview)
            } catch is CancellationError {
                failure = "interrupted: the run was cancelled (SIGINT/SIGTERM) before it finished"
            } catch {
                failure = Task.isCancelled ? "interrupted: \(error)" : "\(error)"
            }
        }
        let skipped = await metrics.snapshot().skipped
        if failure == nil, !skipped.isEmpty {
            let ids = skipped.prefix(20).map { $0.id.map(String.init) ?? "?" }.joined(separator: ",")
            failure = "\(skipped.count) malformed record(s) skipped (ids \(ids)); the facts may miss them"
        }

        let snapshot = await metrics.snapshot()
        let report = RunReport(
            runID: options.runID, status: failure == nil ? .ok : .error, message: failure ?? "",
            metrics: snapshot, rowsByTable: rows, preview: preview
        )
        await finishRecording(report, recorder: recorder)
        return report
    }

    // MARK: The pipeline

    private func ingest(recorder: JobRunRecorder?, preview: inout [String]) async throws -> [String: Int] {
        let coveredSince: Date
        if let recorder {
            coveredSince = CoverageTracker.coveredSince(current: window, previous: try await recorder.successfulWindows())
        } else {
            coveredSince = window.from
        }

        let fetchStart = ContinuousClock.now
        var fetched: [Event] = []
        for try await event in api.events() { fetched.append(event) }
        let events = fetched
        await metrics.recordPhase("fetch_events", seconds: (ContinuousClock.now - fetchStart).inSeconds)
        await metrics.add("events", events.count)

        let ticketSink: any RowSink<TicketRow> = makeSink(TicketRow.self)
        let inventorySink: any RowSink<InventoryRow> = makeSink(InventoryRow.self)
        let sales = SalesPipeline(
            api: api, sink: ticketSink, transform: TicketTransform(calendar: calendar), calendar: calendar,
            metrics: metrics, logger: logger, now: options.now, dateColumn: configuration.ordersDateColumn,
            previewDaily: options.dryRun
        )

        enum Output: Sendable { case sales(SalesPipeline.Result), inventory(Int) }
        var result: SalesPipeline.Result?
        var inventoryRows = 0
        var pipelineError: (any Error)?
        do {
            try await withThrowingTaskGroup(of: Output.self) { group in
                group.addTask { .sales(try await sales.run(events: events, window: window, coveredSince: coveredSince)) }
                group.addTask { .inventory(try await self.snapshotInventory(events: events, sink: inventorySink)) }
                for try await output in group {
                    switch output {
                    case let .sales(value): result = value
                    case let .inventory(count): inventoryRows = count
                    }
                }
            }
        } catch {
            pipelineError = error
        }
        // Flush whatever is buffered even after a failure or a signal: outside the cancelled task,
        // so in-flight batches are written (they are idempotent) or their loss is reported.
        let flushed = await Task { () -> (Result<Int, any Error>, Result<Int, any Error>) in
            async let tickets = Self.capture { try await ticketSink.finish() }
            async let inventory = Self.capture { try await inventorySink.finish() }
            return await (tickets, inventory)
        }.value
        if let pipelineError { throw pipelineError }
        let ticketsWritten = try flushed.0.get()
        _ = try flushed.1.get()
        guard let result else { throw CancellationError() }

        var rows = [TicketRow.table.name: ticketsWritten, InventoryRow.table.name: inventoryRows]
        if let clickHouse {
            let recomputeStart = ContinuousClock.now
            let recomputer = DailySalesRecomputer(client: clickHouse, database: configuration.clickHouseDatabase, runTag: options.runID)
            let version = UInt64(options.now.timeIntervalSince1970 * 1_000)
            rows[DailySalesRow.table.name] = try await recomputer.recompute(days: result.touchedDays, version: version)
            await metrics.recordPhase("recompute_daily", seconds: (ContinuousClock.now - recomputeStart).inSeconds)
        } else {
            rows[DailySalesRow.table.name] = result.dailyPreview.count
            preview = await dryRunPreview(tickets: ticketSink, inventory: inventorySink, daily: result.dailyPreview)
        }
        await metrics.add("touched_days", result.touchedDays.count)
        return rows
    }

    private func snapshotInventory(events: [Event], sink: any RowSink<InventoryRow>) async throws -> Int {
        let shows = InventoryTransform.pollableShows(of: events, now: options.now)
        guard !shows.isEmpty else {
            logger.warning("Inventory snapshot skipped", metadata: ["reason": "the API exposed no show ids to poll", "events": "\(events.count)"])
            return 0
        }
        let start = ContinuousClock.now
        // Fan out per show; the rate-limiting actor inside the client keeps the real pace, this
        // bound only keeps the number of waiting tasks small.
        let width = max(1, configuration.apiConcurrency * 2)
        var written = 0
        try await withThrowingTaskGroup(of: InventoryRow?.self) { group in
            var pending = shows[...]
            func startNext() {
                guard let (event, show) = pending.popFirst() else { return }
                group.addTask {
                    do {
                        let seats = try await api.seats(showID: show.id)
                        return InventoryTransform.row(event: event, show: show, seats: seats, snapshotAt: options.now)
                    } catch let error as QTicketsError where error.isNotFound {
                        logger.warning("Seats not found for show; inventory row skipped", metadata: ["show_id": "\(show.id)"])
                        await metrics.add("inventory_shows_not_found")
                        return nil
                    }
                }
            }
            for _ in 0..<width { startNext() }
            while let row = try await group.next() {
                if let row {
                    try await sink.append(row)
                    written += 1
                }
                startNext()
            }
        }
        await metrics.recordPhase("inventory", seconds: (ContinuousClock.now - start).inSeconds)
        logger.info("Inventory snapshot taken", metadata: ["shows": "\(written)"])
        return written
    }

    // MARK: Helpers

    private func makeSink<Row: RowBinaryRow>(_ type: Row.Type) -> any RowSink<Row> {
        guard let clickHouse else { return DryRunRowSink<Row>() }
        let metrics = self.metrics
        let inserter = BatchingInserter<Row>(
            client: clickHouse, database: configuration.clickHouseDatabase,
            configuration: configuration.batchingConfiguration, logger: logger,
            onBatch: { report in await metrics.batchWritten(report) }
        )
        return ClickHouseRowSink(inserter: inserter)
    }

    private func dryRunPreview(tickets: any RowSink<TicketRow>, inventory: any RowSink<InventoryRow>, daily: [DailySalesRow]) async -> [String] {
        var lines: [String] = []
        if let tickets = tickets as? DryRunRowSink<TicketRow> {
            lines.append("\(TicketRow.table.name): \(await tickets.count) rows")
            for row in await tickets.samples { lines.append("  \(row.previewLine)") }
        }
        lines.append("\(DailySalesRow.table.name): \(daily.count) rows (days touched by this window, from its orders only)")
        for row in daily.prefix(3) { lines.append("  \(row.previewLine)") }
        if let inventory = inventory as? DryRunRowSink<InventoryRow> {
            lines.append("\(InventoryRow.table.name): \(await inventory.count) rows")
            for row in await inventory.samples { lines.append("  \(row.previewLine)") }
        }
        lines.append("\(JobRunRow.table.name): 2 rows (start and end of the run)")
        return lines
    }

    private func finishRecording(_ report: RunReport, recorder: JobRunRecorder?) async {
        guard let recorder else { return }
        let row = jobRunRow(
            status: report.status.rawValue, message: report.message, finished: Date(),
            rows: report.rowsProcessed, metrics: report.metrics.json()
        )
        // Outside any cancelled task: a run stopped by a signal is still recorded as failed.
        let logger = self.logger
        await Task {
            do {
                try await recorder.write(row)
                try await recorder.compactSmallTables()
            } catch {
                logger.error("Could not record the run in meta_job_runs", metadata: ["error": "\(error)"])
            }
        }.value
    }

    private func jobRunRow(status: String, message: String, finished: Date?, rows: Int, metrics: String) -> JobRunRow {
        JobRunRow(
            runID: options.runID,
            startedAt: TicketTransform.epochSeconds(options.now),
            finishedAt: finished.map(TicketTransform.epochSeconds),
            status: status,
            rowsProcessed: UInt64(max(0, rows)),
            message: String(message.prefix(4_000)),
            metrics: metrics,
            windowFrom: TicketTransform.epochSeconds(window.from),
            windowTo: TicketTransform.epochSeconds(window.to),
            toolVersion: options.toolVersion,
            version: UInt64(Date().timeIntervalSince1970 * 1_000)
        )
    }

    private static func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
