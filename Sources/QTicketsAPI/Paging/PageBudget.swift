import Synchronization

/// How many pages listings fetched ahead of their consumers (``OrderListing``) may hold in all:
/// a permit per request, given back as its page is used. Bounds a backfill's memory however
/// long its first slices wait (``OrderListing``'s fetches start before the lock is held).
///
/// A listing that its consumer took (``bypass(_:)``) needs no more permits: its pages go
/// straight to a running consumer. Without that, a listing waiting for a permit that pages of
/// the next listing hold would wait for a consumer that waits for it.
public final class PageBudget: Sendable {
    private struct Waiter {
        var listing: Int
        var token: Int
        var continuation: CheckedContinuation<Bool, any Error>
    }

    private struct State {
        var free: Int
        var waiters: [Waiter] = []
        var bypassed: Set<Int> = []
        var cancelledTokens: Set<Int> = []
        var nextToken = 0
    }

    private let state: Mutex<State>

    public init(pages: Int) {
        state = Mutex(State(free: max(1, pages)))
    }

    /// Permits not taken.
    public var free: Int { state.withLock { $0.free } }

    /// Waits for a permit for a request of `listing`: `true` when one was taken, `false` when
    /// the listing needs none (bypassed). Throws `CancellationError` when the task is cancelled.
    func acquire(for listing: Int) async throws -> Bool {
        let token = state.withLock { s in
            s.nextToken += 1
            return s.nextToken
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Bool, any Error>) in
                let answer = state.withLock { s -> Result<Bool, any Error>? in
                    if s.cancelledTokens.remove(token) != nil { return .failure(CancellationError()) }
                    if s.bypassed.contains(listing) { return .success(false) }
                    if s.free > 0 {
                        s.free -= 1
                        return .success(true)
                    }
                    s.waiters.append(Waiter(listing: listing, token: token, continuation: continuation))
                    return nil
                }
                if let answer { continuation.resume(with: answer) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> Waiter? in
                if let index = s.waiters.firstIndex(where: { $0.token == token }) { return s.waiters.remove(at: index) }
                s.cancelledTokens.insert(token)
                return nil
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Gives `count` permits back; the longest waiting requests take them.
    func release(_ count: Int) {
        guard count > 0 else { return }
        let woken = state.withLock { s -> [Waiter] in
            s.free += count
            let taken = min(s.free, s.waiters.count)
            s.free -= taken
            defer { s.waiters.removeFirst(taken) }
            return Array(s.waiters.prefix(taken))
        }
        for waiter in woken { waiter.continuation.resume(returning: true) }
    }

    /// `listing`'s requests need no permit from now on; those waiting go on.
    func bypass(_ listing: Int) {
        let woken = state.withLock { s -> [Waiter] in
            s.bypassed.insert(listing)
            let woken = s.waiters.filter { $0.listing == listing }
            s.waiters.removeAll { $0.listing == listing }
            return woken
        }
        for waiter in woken { waiter.continuation.resume(returning: false) }
    }
}
