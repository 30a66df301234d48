import Foundation

/// Where a run stands, computed from two ``MetricsSnapshot``s (the current one and the one of
/// the previous tick): what the progress line and the bar show. Pure, so every number is
/// tested without a clock.
///
/// The counters come from the sales step, per page: `orders`, `order_pages`, and
/// `orders_expected` (the totals the listings announce). Until a step feeds `order_pages`, the
/// orders listing's successful requests stand in for it (one page each).
public struct ProgressEstimate: Sendable, Equatable {
    public var phase: String
    public var slice: String?
    public var pagesDone: Int
    /// Estimated from the announced total and the pages' average size; `nil` before both exist.
    public var pagesTotal: Int?
    public var orders: Int
    public var ordersExpected: Int?
    public var rowsWritten: Int
    public var requestsPerSecond: Double
    public var retries: Int
    /// Share of the announced orders fetched, 0…1; `nil` without an announced total.
    public var fraction: Double?
    /// Seconds left at the run's average pace so far; `nil` without a fraction.
    public var etaSeconds: Double?
    public var elapsedSeconds: Double

    public init(_ current: MetricsSnapshot, previous: MetricsSnapshot? = nil) {
        phase = Self.phase(of: current)
        slice = current.slice
        pagesDone = current.counters["order_pages"] ?? current.requests["orders"]?["200"] ?? 0
        orders = current.counters["orders"] ?? 0
        let expected = current.counters["orders_expected"].flatMap { $0 > 0 ? $0 : nil }
        ordersExpected = expected
        rowsWritten = current.rowsWritten
        retries = current.totalRetries
        elapsedSeconds = current.elapsedSeconds
        let seconds = current.elapsedSeconds - (previous?.elapsedSeconds ?? 0)
        let requests = current.totalRequests - (previous?.totalRequests ?? 0)
        requestsPerSecond = seconds > 0 ? Double(requests) / seconds : 0
        if let expected, orders > 0, pagesDone > 0 {
            pagesTotal = max(pagesDone, Int((Double(expected) * Double(pagesDone) / Double(orders)).rounded(.up)))
        }
        if let expected {
            let share = min(1, Double(orders) / Double(expected))
            fraction = share
            etaSeconds = share > 0 ? current.elapsedSeconds * (1 - share) / share : nil
        }
    }

    /// The phases under way (`fetch_orders+inventory` while both run), `preparing` before the
    /// first, `finishing` between and after them.
    static func phase(of snapshot: MetricsSnapshot) -> String {
        if !snapshot.activePhases.isEmpty { return snapshot.activePhases.joined(separator: "+") }
        return snapshot.phases.isEmpty ? "preparing" : "finishing"
    }

    /// The progress line's fields, in the order people read them.
    public var fields: [(String, String)] {
        var fields = [("phase", phase)]
        if let slice { fields.append(("slice", slice)) }
        fields += [
            ("pages", "\(pagesDone)/\(pagesTotal.map(String.init) ?? "?")"),
            ("orders", "\(orders)/\(ordersExpected.map(String.init) ?? "?")"),
            ("rows", "\(rowsWritten)"),
            ("rps", String(format: "%.1f", requestsPerSecond)),
            ("retries", "\(retries)"),
            ("eta", etaSeconds.map(HumanDuration.text) ?? "?"),
        ]
        return fields
    }

}
