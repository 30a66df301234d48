import Foundation

/// What ClickHouse must contain after a complete, correct ingestion of an organiser,
/// computed straight from the generated data under the rules of DESIGN.md
/// ("What the numbers mean").
public struct GroundTruth: Sendable, Codable, Equatable {
    public struct SalesKey: Hashable, Codable, Sendable, Comparable {
        /// `yyyy-MM-dd` of the order's `payed_at` in the truth's time zone.
        public var date: String
        public var eventID: Int
        public var showID: Int
        /// The event's `city.name`.
        public var city: String

        public init(date: String, eventID: Int, showID: Int, city: String) {
            self.date = date
            self.eventID = eventID
            self.showID = showID
            self.city = city
        }

        public static func < (a: SalesKey, b: SalesKey) -> Bool {
            (a.date, a.eventID, a.showID, a.city) < (b.date, b.eventID, b.showID, b.city)
        }
    }

    public struct SalesValue: Codable, Sendable, Equatable {
        public var ticketsSold: Int
        /// Exact, built from kopecks.
        public var revenue: Decimal
        /// Max `payed_at` (epoch seconds) of the sold tickets in the row: the row's `sale_ts`.
        public var latestPaymentEpoch: Int

        public init(ticketsSold: Int, revenue: Decimal, latestPaymentEpoch: Int) {
            self.ticketsSold = ticketsSold
            self.revenue = revenue
            self.latestPaymentEpoch = latestPaymentEpoch
        }
    }

    public struct InventoryValue: Codable, Sendable, Equatable {
        public var eventID: Int
        public var eventName: String
        public var city: String
        /// Σ `max_quantity` over distinct `root_id`, disabled seats left out.
        public var ticketsTotal: Int
        /// Σ `free_quantity` over distinct `root_id`, disabled seats left out.
        public var ticketsLeft: Int

        public init(eventID: Int, eventName: String, city: String, ticketsTotal: Int, ticketsLeft: Int) {
            self.eventID = eventID
            self.eventName = eventName
            self.city = city
            self.ticketsTotal = ticketsTotal
            self.ticketsLeft = ticketsLeft
        }
    }

    /// IANA identifier of the zone the dates are in.
    public var timeZone: String
    /// The organiser's "now" (epoch seconds) that decides which shows are finished.
    public var nowEpoch: Int
    /// Only keys with `ticketsSold > 0`.
    public var sales: [SalesKey: SalesValue]
    /// The live, upcoming shows: show not deleted, event not deleted and active, show not
    /// finished (`finish_date > now`). Exactly what the inventory table must hold after a run.
    public var inventory: [Int: InventoryValue]
    /// Shows of live, active events that are not deleted but already finished (they must leave
    /// the inventory table); their numbers, for diagnostics.
    public var finishedInventory: [Int: InventoryValue]

    public init(
        timeZone: String, nowEpoch: Int, sales: [SalesKey: SalesValue], inventory: [Int: InventoryValue],
        finishedInventory: [Int: InventoryValue]
    ) {
        self.timeZone = timeZone
        self.nowEpoch = nowEpoch
        self.sales = sales
        self.inventory = inventory
        self.finishedInventory = finishedInventory
    }

    /// Σ tickets over all sales rows.
    public var totalTicketsSold: Int { sales.values.reduce(0) { $0 + $1.ticketsSold } }
    /// Σ revenue over all sales rows, exact.
    public var totalRevenue: Decimal { sales.values.reduce(Decimal(0)) { $0 + $1.revenue } }
    /// Σ tickets_left per city over `inventory` (the runbook's query).
    public var ticketsLeftByCity: [String: Int] {
        inventory.values.reduce(into: [:]) { $0[$1.city, default: 0] += $1.ticketsLeft }
    }
}
