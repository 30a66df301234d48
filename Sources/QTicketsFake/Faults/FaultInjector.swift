import Foundation

/// The fault plan with its counters: decides, for each authorised API request, whether a fault
/// replaces its answer or shapes it, and when churn is due. A value, mutated only under the
/// server state's lock, so that counting and deciding are one atomic step.
struct FaultInjector {
    enum Decision {
        case answer(Admission)
        case serve(Admission.Effects)
    }

    let plan: FaultPlan
    /// The server-side limit of `plan.serverRateLimit`, sliding over real time.
    var limiter: SlidingWindowLimiter?
    private var count = 0
    private var malformedServed = 0
    private var listingsServed = 0
    private var churnRounds = 0

    init(_ plan: FaultPlan) {
        self.plan = plan
        self.limiter = plan.serverRateLimit.map { SlidingWindowLimiter(requestsPerSecond: $0) }
    }

    mutating func decide(route: FakeRoute, ordersPage: Int?, stats: inout FakeServerStats) -> Decision {
        if case .seats(let showID) = route, let failure = plan.failingSeats[showID] {
            switch failure {
            case .status503:
                stats.seatFailures503 += 1
                return .answer(.injected(status: 503, retryAfter: nil))
            case .timeout:
                stats.seatTimeouts += 1
                return .answer(.hang)
            }
        }
        var effects = Admission.Effects()
        effects.badRecords = plan.badRecords
        if plan.routes?.contains(route.name) ?? true {
            count += 1
            if FaultPlan.every(plan.dropConnectionEveryN, count) || plan.dropConnectionBurst?.contains(count) == true {
                stats.droppedConnections += 1
                return .answer(.drop)
            }
            if FaultPlan.every(plan.status503EveryN, count) || plan.status503Burst?.contains(count) == true {
                stats.injected503 += 1
                return .answer(.injected(status: 503, retryAfter: nil))
            }
            if FaultPlan.every(plan.status429EveryN, count) || plan.status429Burst?.contains(count) == true {
                stats.injected429 += 1
                return .answer(.injected(status: 429, retryAfter: retryAfter()))
            }
            effects.latencyMilliseconds = plan.latencyMilliseconds
            effects.slowBody = plan.slowBody
            if plan.ignoreRequestBody {
                stats.bodiesIgnored += 1
                effects.ignoreBody = true
            }
        }
        guard route == .orders, let page = effects.ignoreBody ? 1 : ordersPage else { return .serve(effects) }
        if page == plan.malformedOrdersPage, plan.malformedTimes.map({ malformedServed < $0 }) ?? true {
            malformedServed += 1
            stats.malformedPages += 1
            effects.malformed = plan.malformedMode
        }
        if let hostile = plan.hostileOrders, hostile.page.map({ $0 == page }) ?? true {
            stats.hostileAnswers[hostile.kind.name, default: 0] += 1
            effects.hostile = hostile.kind
        }
        return .serve(effects)
    }

    /// Counts a served orders listing; returns the churn round due after it, if any.
    mutating func churnRoundDue() -> Int? {
        guard let churn = plan.churn else { return nil }
        listingsServed += 1
        guard listingsServed % churn.everyNthListing == 0, churn.maxRounds.map({ churnRounds < $0 }) ?? true else { return nil }
        defer { churnRounds += 1 }
        return churnRounds
    }

    private func retryAfter() -> String? {
        guard !plan.omitRetryAfter else { return nil }
        guard plan.retryAfterAsHTTPDate else { return String(plan.retryAfterSeconds) }
        // Real time, not the server clock: a client waits by its own clock. Rounded up: an HTTP
        // date has whole seconds, and the client must not come back early.
        return HTTPDate.format(epoch: Int(Date().timeIntervalSince1970.rounded(.up)) + plan.retryAfterSeconds)
    }
}
