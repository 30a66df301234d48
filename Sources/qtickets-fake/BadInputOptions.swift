import ArgumentParser
import QTicketsFake

/// `serve`'s flags for bad and hostile input: a body-ignoring API, bad records, failing seats,
/// hostile orders answers.
struct BadInputOptions: ParsableArguments {
    @Flag(help: "Answer requests (to --fault-routes) as if they had no body: page 1 of the unfiltered listing, currentPage 1.")
    var ignoreBody = false
    @Option(help: "Render order ID with a bad value (repeatable): ID:KIND, KIND one of three-decimal-price, negative-price, negative-quantity, negative-basket-id, id-beyond-int64. --truth-out leaves these orders out.")
    var badRecord: [String] = []
    @Option(help: "Make shows/ID/seats fail every time (repeatable): ID:503 or ID:timeout (never answers).")
    var failingSeats: [String] = []
    @Option(help: "A hostile orders answer: huge-total, huge-body[:BYTES], deep-nesting[:DEPTH], huge-string[:BYTES], html, trickle[:BYTES_PER_TICK:INTERVAL_MS].")
    var hostile: String?
    @Option(help: "The 1-based orders page the hostile answer replaces (default: every page).")
    var hostilePage: Int?

    func validate() throws {
        var plan = FaultPlan()
        try apply(to: &plan)
    }

    func apply(to plan: inout FaultPlan) throws {
        plan.ignoreRequestBody = ignoreBody
        for text in badRecord {
            let (id, kind): (Int, FaultPlan.BadRecord) = try OptionText.idAndKind(text, flag: "--bad-record")
            plan.badRecords[id] = kind
        }
        for text in failingSeats {
            let (id, failure): (Int, FaultPlan.SeatFailure) = try OptionText.idAndKind(text, flag: "--failing-seats")
            plan.failingSeats[id] = failure
        }
        if let hostile { plan.hostileOrders = FaultPlan.Hostile(try Self.kind(hostile), page: hostilePage) }
    }

    static func kind(_ text: String) throws -> FaultPlan.Hostile.Kind {
        let parts = text.split(separator: ":").map(String.init)
        let numbers = parts.dropFirst().compactMap { Int($0) }
        guard numbers.count == parts.count - 1, numbers.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--hostile: bad parameters in \(text)")
        }
        switch (parts.first ?? "", numbers.count) {
        case ("huge-total", 0): return .hugeTotal
        case ("html", 0): return .html
        case ("huge-body", 0): return .defaultHugeBody
        case ("huge-body", 1): return .hugeBody(bytes: numbers[0])
        case ("deep-nesting", 0): return .defaultDeepNesting
        case ("deep-nesting", 1): return .deepNesting(depth: numbers[0])
        case ("huge-string", 0): return .defaultHugeString
        case ("huge-string", 1): return .hugeString(bytes: numbers[0])
        case ("trickle", 0): return .defaultTrickle
        case ("trickle", 2): return .trickle(bytesPerTick: numbers[0], intervalMilliseconds: numbers[1])
        default: throw ValidationError("--hostile: unknown kind \(text)")
        }
    }
}
