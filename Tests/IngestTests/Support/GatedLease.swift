import Ingest
import Synchronization

/// A real ``LockLease`` (the warehouse's) that stops one contender at a step of its claim until
/// the test opens the gate: the interleavings of two runs claiming at once, made on demand
/// instead of hoped for. Counts the contender's reads of the claims, so a test can wait until it
/// has looked at the other's claim.
final class GatedLease: LockLease {
    enum Step: Sendable { case nextTicket, take }

    private struct State {
        var open = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var claimReads = 0
        var stopped = false
    }

    private let base: any LockLease
    private let gatedStep: Step?
    private let state = Mutex(State())

    /// `step`: where the contender stops until ``open()`` (nil: it never stops).
    init(_ base: any LockLease, stoppingBefore step: Step?) {
        self.base = base
        self.gatedStep = step
    }

    /// Lets the stopped contender go on, now and for every later step.
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// How many times this contender read the claims.
    var claimReads: Int { state.withLock { $0.claimReads } }

    /// Whether the contender reached its gate (it may have gone on since, once opened).
    var reachedGate: Bool { state.withLock { $0.stopped } }

    /// Waits at the gate; a cancelled contender (a test that failed early) is let through.
    private func pass(_ step: Step) async {
        guard step == gatedStep else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    state.stopped = true
                    if state.open { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            open()
        }
    }

    func prepareLease() async throws { try await base.prepareLease() }

    func announce(key: String, runID: String, as identity: MachineIdentity) async throws {
        try await base.announce(key: key, runID: runID, as: identity)
    }

    func nextTicket(key: String) async throws -> UInt32 {
        await pass(.nextTicket)
        return try await base.nextTicket(key: key)
    }

    func take(ticket: UInt32, key: String, runID: String) async throws {
        await pass(.take)
        try await base.take(ticket: ticket, key: key, runID: runID)
    }

    func heartbeat(key: String, runID: String) async throws { try await base.heartbeat(key: key, runID: runID) }

    func claims(key: String, ttlSeconds: Int) async throws -> [LeaseClaim] {
        state.withLock { $0.claimReads += 1 }
        return try await base.claims(key: key, ttlSeconds: ttlSeconds)
    }

    func release(key: String, runIDs: [String]) async throws { try await base.release(key: key, runIDs: runIDs) }
}
