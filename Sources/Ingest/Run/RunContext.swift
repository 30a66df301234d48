import Foundation
import Logging
import QTicketsAPI

/// What the steps of one run share, set up once by ``Ingestion``: the API client, the
/// warehouse and the sinks it handed out, the metrics, and the run's window.
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
    /// `[now − since-hours, now)`: the orders changed inside it are loaded.
    let window: CoverageTracker.Window

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
        self.window = CoverageTracker.Window(from: options.now.addingTimeInterval(-Double(options.sinceHours) * 3_600), to: options.now)
    }
}
