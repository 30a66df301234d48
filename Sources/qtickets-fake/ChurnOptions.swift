import ArgumentParser
import QTicketsFake

/// `serve`'s churn flags: orders changing between the pages of a listing (`FaultPlan.Churn`).
struct ChurnOptions: ParsableArguments {
    /// `FaultPlan.Churn`'s own defaults are the flags' defaults.
    private static let defaults = FaultPlan.Churn()

    @Option(help: "Churn: after every N-th orders listing request served, change orders (stamped by the server clock).")
    var churnEvery: Int?
    @Option(help: "Churn: changes per round.")
    var churnOrders = Self.defaults.ordersPerRound
    @Option(help: "Churn: seed of the choice of orders.")
    var churnSeed = Self.defaults.seed
    @Option(help: "Churn: the changes, taken in turn (comma-separated: scan,refund,cancellation,new-order).")
    var churnChanges = Self.defaults.changes.map(\.rawValue).joined(separator: ",")
    @Option(help: "Churn: stop after this many rounds (default: never; a walk that reads the tail then never ends).")
    var churnMaxRounds: Int?

    func validate() throws {
        _ = try churn()
    }

    func churn() throws -> FaultPlan.Churn? {
        guard let churnEvery else { return nil }
        guard churnEvery >= 1, churnOrders >= 0 else { throw ValidationError("--churn-every must be at least 1, --churn-orders not negative") }
        let changes = try OptionText.list(churnChanges).map { name in
            guard let change = FaultPlan.Churn.Change(rawValue: name) else {
                throw ValidationError("--churn-changes: unknown change \(name) (scan, refund, cancellation, new-order)")
            }
            return change
        }
        return FaultPlan.Churn(
            everyNthListing: churnEvery, ordersPerRound: churnOrders, seed: churnSeed, changes: changes, maxRounds: churnMaxRounds)
    }
}
