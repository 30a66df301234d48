import Synchronization

/// When an ``OrderFeed``'s listing is drained: a worker found nothing left to take, and the
/// listing's estimate is known (every stream's first answer told its total, or the probe told
/// the whole range's). Says so once.
final class DrainTally: Sendable {
    private struct State {
        var unanswered: Int
        var orders = 0
        var perPage = 0
        var idle = false
        var said = false
    }

    private let known: ListingEstimate?
    private let state: Mutex<State>

    /// `streams`: how many first answers to wait for; `known`: the estimate, when a probe told it.
    init(streams: Int, known: ListingEstimate?) {
        self.known = known
        self.state = Mutex(State(unanswered: known == nil ? streams : 0))
    }

    /// A stream's first answer. The estimate, if this is when it is drained.
    func answered(total: Int, perPage: Int) -> ListingEstimate? {
        guard known == nil else { return nil }
        return state.withLock { state in
            state.unanswered -= 1
            state.orders = min(state.orders + total, KeysetStream.totalCap)
            state.perPage = max(state.perPage, perPage)
            return say(&state)
        }
    }

    /// A worker found the queue empty. The estimate, if this is when it is drained.
    func idle() -> ListingEstimate? {
        state.withLock { state in
            state.idle = true
            return say(&state)
        }
    }

    private func say(_ state: inout State) -> ListingEstimate? {
        guard state.idle, state.unanswered <= 0, !state.said else { return nil }
        state.said = true
        return known ?? ListingEstimate(orders: state.orders, perPage: state.perPage)
    }
}
