import ArgumentParser
import Foundation
import QTicketsFake

/// The organiser to generate (and optionally mutate): shared by `serve` and `truth` so that
/// the same flags always mean the same data.
struct OrganiserOptions: ParsableArguments {
    @Option(help: "Seed of the generator: the same seed, sizes and --now give the same data.")
    var seed: UInt64 = 42
    @Option(help: "Number of events.")
    var events: Int = 20
    @Option(help: "Maximum shows per event (each event gets 0...N).")
    var maxShows: Int = 4
    @Option(help: "Number of orders.")
    var orders: Int = 1_000
    @Option(help: "Maximum tickets per order (1...N, skewed to 1-2).")
    var maxTickets: Int = 6
    @Option(help: "Orders' payed_at/updated_at are spread over [now - H hours, now].")
    var historyHours: Int = 72
    @Option(help: "Minimum physical seats per show.")
    var minSeats: Int = 20
    @Option(help: "Maximum physical seats per show.")
    var maxSeats: Int = 240
    @Option(help: "The generator's now, in Unix epoch seconds (default: the current time). Pass the same value to serve and truth.")
    var now: Int?
    @Option(help: "Seed of the mutation applied after generation (with --new-orders/--refunds/--cancellations).")
    var mutateSeed: UInt64 = 7
    @Option(help: "Mutation: new orders appended (ascending ids), paid/updated up to --mutate-now.")
    var newOrders: Int = 0
    @Option(help: "Mutation: tickets of old paid orders refunded at --mutate-now (updated_at moves).")
    var refunds: Int = 0
    @Option(help: "Mutation: old live orders cancelled at --mutate-now (updated_at moves).")
    var cancellations: Int = 0
    @Option(help: "Mutation (and --delete-*/--deactivate-*/--end-*/--clear-*) time in Unix epoch seconds (default: --now, else the organiser's own now).")
    var mutateNow: Int?
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
        if newOrders > 0 || refunds > 0 || cancellations > 0 {
            organiser.mutate(
                seed: mutateSeed, newOrders: newOrders, refunds: refunds, cancellations: cancellations,
                now: Date(timeIntervalSince1970: TimeInterval(mutateNow ?? now ?? organiser.nowEpoch)))
        }
        if !changes.isEmpty {
            try changes.apply(to: &organiser, at: mutateNow ?? now ?? organiser.nowEpoch)
        }
        if let organiserOut {
            try JSONEncoder().encode(organiser).write(to: URL(fileURLWithPath: organiserOut), options: .atomic)
        }
        return organiser
    }
}
