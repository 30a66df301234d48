import ArgumentParser
import Foundation
import QTicketsFake

/// What happens to the organiser after generation (or loading), all at the mutation time: a
/// seeded mutation, then back-office changes. Shared by `serve` and `truth` so that both see
/// the same organiser.
struct OrganiserChangeOptions: ParsableArguments {
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
    @Option(help: "Delete this show (repeatable).")
    var deleteShow: [Int] = []
    @Option(help: "Delete this event (repeatable).")
    var deleteEvent: [Int] = []
    @Option(help: "Deactivate this event, is_active = 0 (repeatable).")
    var deactivateEvent: [Int] = []
    @Option(help: "End this show at the mutation time, finish_date = then (repeatable).")
    var endShow: [Int] = []
    @Option(help: "Clear this order's payed_at: it is unpaid again (repeatable).")
    var clearPayedAt: [Int] = []

    /// Applies the mutation and the changes at `--mutate-now`, else at `defaultTime`.
    func apply(to organiser: inout Organiser, defaultTime: Int) throws {
        let t = mutateNow ?? defaultTime
        if newOrders > 0 || refunds > 0 || cancellations > 0 {
            organiser.mutate(
                seed: mutateSeed, newOrders: newOrders, refunds: refunds, cancellations: cancellations,
                now: Date(timeIntervalSince1970: TimeInterval(t)))
        }
        do {
            for id in deleteShow { try organiser.deleteShow(id: id, at: t) }
            for id in deleteEvent { try organiser.deleteEvent(id: id, at: t) }
            for id in deactivateEvent { try organiser.deactivateEvent(id: id, at: t) }
            for id in endShow { try organiser.endShow(id: id, at: t) }
            for id in clearPayedAt { try organiser.changePayedAt(orderID: id, to: nil, at: t) }
        } catch {
            throw ValidationError("cannot apply the change: \(error)")
        }
    }
}
