import Foundation
import Logging
import QTicketsAPI

/// What the steps of one run share, set up once by ``Ingestion``: the API client, the
/// warehouse and the sinks it handed out, the metrics, and the run's clock. (The run's window
/// is decided by ``IngestionRun`` once it has read the coverage: ``RunWindow``.)
struct RunContext: Sendable {
    let configuration: IngestConfiguration
    let options: Ingestion.Options
    let api: QTicketsClient
    let warehouse: any Warehouse
    let tickets: any RowSink<TicketRow>
    let inventory: any RowSink<InventoryRow>
    let metrics: RunMetrics
    let logger: Logger
    let calendar: SalesCalendar
    /// `options.now`, advancing: when the re-check starts, where an open window is cut.
    let clock: RunClock
    /// `QTICKETS_API_CLOCK_SKEW_SECONDS`: how far the API's clock may run behind ours.
    let skew: TimeInterval

    init(configuration: IngestConfiguration, options: Ingestion.Options, api: QTicketsClient, warehouse: any Warehouse, metrics: RunMetrics, logger: Logger) {
        self.configuration = configuration
        self.options = options
        self.api = api
        self.warehouse = warehouse
        self.tickets = warehouse.sink(for: TicketRow.self)
        self.inventory = warehouse.sink(for: InventoryRow.self)
        self.metrics = metrics
        self.logger = logger
        self.calendar = SalesCalendar(timeZone: configuration.timeZone)
        self.clock = RunClock(start: options.now)
        self.skew = TimeInterval(configuration.apiClockSkewSeconds)
    }
}
