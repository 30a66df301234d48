import ArgumentParser
import Foundation
import QTicketsFake

/// The organiser to generate (and optionally mutate): shared by `serve` and `truth` so that
/// the same flags always mean the same data.
struct OrganiserOptions: ParsableArguments {
    /// The generator's own defaults are the flags' defaults.
    private static let defaults = OrganiserSpec()

    @Option(help: "Seed of the generator: the same seed, sizes and --now give the same data.")
    var seed = Self.defaults.seed
    @Option(help: "Number of events.")
    var events = Self.defaults.events
    @Option(help: "Maximum shows per event (each event gets 0...N).")
    var maxShows = Self.defaults.maxShowsPerEvent
    @Option(help: "Number of orders.")
    var orders = Self.defaults.orders
    @Option(help: "Maximum tickets per order (1...N, skewed to 1-2).")
    var maxTickets = Self.defaults.maxTicketsPerOrder
    @Option(help: "Orders' payed_at/updated_at are spread over [now - H hours, now].")
    var historyHours = Self.defaults.historyHours
    @Option(help: "Minimum physical seats per show.")
    var minSeats = Self.defaults.minSeatsPerShow
    @Option(help: "Maximum physical seats per show.")
    var maxSeats = Self.defaults.maxSeatsPerShow
    @Option(help: "The generator's now, in Unix epoch seconds (default: the current time). Pass the same value to serve and truth.")
    var now: Int?
    @OptionGroup var changes: OrganiserChangeOptions
    @Option(help: "Load the organiser from this JSON file (written by --organiser-out) instead of generating it; mutations still apply.")
    var organiserIn: String?
    @Option(help: "Write the organiser (after any mutation) as JSON to this file.")
    var organiserOut: String?

    var spec: OrganiserSpec {
        OrganiserSpec(
            seed: seed, events: events, maxShowsPerEvent: maxShows, orders: orders, maxTicketsPerOrder: maxTickets,
            historyHours: historyHours, minSeatsPerShow: minSeats, maxSeatsPerShow: maxSeats)
    }

    func validate() throws {
        guard events >= 0, orders >= 0, maxShows >= 0, historyHours >= 0 else {
            throw ValidationError("sizes must not be negative")
        }
        // The fake's selections and match counts index orders with `Int32`.
        guard orders <= Int(Int32.max) else { throw ValidationError("--orders must be at most \(Int32.max)") }
        guard maxTickets >= 1 else { throw ValidationError("--max-tickets must be at least 1") }
        guard minSeats >= 0, maxSeats >= minSeats else { throw ValidationError("need 0 <= --min-seats <= --max-seats") }
    }

    func makeOrganiser() throws -> Organiser {
        var organiser: Organiser
        if let organiserIn {
            organiser = try JSONDecoder().decode(Organiser.self, from: Data(contentsOf: URL(fileURLWithPath: organiserIn)))
        } else {
            let nowEpoch = now ?? Int(Date().timeIntervalSince1970)
            organiser = Organiser.generate(spec, now: Date(timeIntervalSince1970: TimeInterval(nowEpoch)))
        }
        try changes.apply(to: &organiser, defaultTime: now ?? organiser.nowEpoch)
        if let organiserOut {
            try JSONEncoder().encode(organiser).write(to: URL(fileURLWithPath: organiserOut), options: .atomic)
        }
        return organiser
    }
}
