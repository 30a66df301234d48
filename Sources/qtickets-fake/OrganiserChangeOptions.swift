import ArgumentParser
import QTicketsFake

/// Back-office changes applied after generation (and any mutation), at the mutation time:
/// shared by `serve` and `truth` so that both see the same organiser.
struct OrganiserChangeOptions: ParsableArguments {
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

    var isEmpty: Bool {
        deleteShow.isEmpty && deleteEvent.isEmpty && deactivateEvent.isEmpty && endShow.isEmpty && clearPayedAt.isEmpty
    }

    func apply(to organiser: inout Organiser, at t: Int) throws {
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
