import Foundation
import Logging

/// One run at a time per warehouse database and organiser, on one host or several.
///
/// Two layers. A `flock` on a lock file (``FileLock``): exact and instant on one host, and
/// released by the kernel however the holder dies. Then a lease in the warehouse
/// (``LockLease``): the run announces a claim, takes a ticket later than every claim it can
/// see (no earlier than the server's `now()`), and holds the lock if its ticket is the
/// earliest live one once no other claim is still choosing its ticket (``LeaseElection``).
/// A heartbeat every TTL/3 keeps the claim live; a claim without one for a TTL is dead and the
/// next run takes over, saying so. A holder on this machine whose process is gone is dead at
/// once.
///
/// Why tickets: the lease used to stamp each claim with the server's second and wait until
/// that second was over plus 300 ms, so that a claim of the same second could not still land
/// behind the read. That wait was 0.3 to 1.4 s of every run (where in the server's second the
/// claim fell), most of a 100k-order backfill's idle time. The bakery algorithm needs no clock:
/// four statements, a few milliseconds on one server.
///
/// Without `--wait-lock` a loser gives up at once (``RunLockError/busy(key:holder:waited:)``);
/// with it, the loser's claim stays queued (heartbeating) until it is the earliest or the wait
/// is over. ``release()`` lets go of both layers; it must run on every exit path.
public actor RunLock {
    /// How long a run waits for another claim to take its ticket (two statements, even on a
    /// busy cluster well under a second) before it counts that claim as ahead of its own: a
    /// contender that died between its announce and its ticket blocks others only this long,
    /// until its TTL runs out.
    static let choosingWait: Duration = .seconds(10)
    /// How often a run waiting for a claim to take its ticket reads the claims again.
    static let choosingPoll: Duration = .milliseconds(20)

    let settings: RunLockSettings
    let lease: any LockLease
    let file: FileLock
    let identity: MachineIdentity
    let logger: Logger
    /// The renewal task (``startHeartbeat(loss:)``).
    var heartbeat: Task<Void, Never>?
    private(set) var holding = false
    /// Whether this run got as far as claiming (before that there is no lease table to write to).
    private var claimed = false
    private var released = false

    private init(settings: RunLockSettings, lease: any LockLease, file: FileLock, identity: MachineIdentity, logger: Logger) {
        self.settings = settings
        self.lease = lease
        self.file = file
        self.identity = identity
        self.logger = logger
    }

    /// Takes both layers, or throws ``RunLockError`` (or the warehouse's error). `loss` hears
    /// about a lease lost while the run holds it; `flockHeld` runs once this host's layer is
    /// held, before the lease is claimed (read-only work may start there).
    public static func acquire(
        _ settings: RunLockSettings, lease: any LockLease, identity: MachineIdentity = .current, logger: Logger, loss: LockLoss,
        flockHeld: () -> Void = {}
    ) async throws -> RunLock {
        let started = ContinuousClock.now
        let deadline = settings.wait.map { started + $0 }
        let waited = { settings.wait.map { _ in Int((ContinuousClock.now - started).components.seconds) } }
        let file = try FileLock.open(directory: settings.directory, name: settings.fileName)
        do {
            while !file.tryLock() {
                guard let deadline, ContinuousClock.now < deadline else {
                    throw RunLockError.busy(key: settings.key, holder: await file.holder(), waited: waited())
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        } catch {
            file.close()
            throw error
        }
        file.write(LockHolder(host: identity.host, pid: identity.pid, runID: settings.runID, since: Date()))
        flockHeld()
        let lock = RunLock(settings: settings, lease: lease, file: file, identity: identity, logger: logger)
        do {
            try await lease.prepareLease()
            // Marked first: a claim announced whose ticket failed is released all the same
            // (a release of a claim that was never inserted writes nothing).
            await lock.markClaimed()
            try await lease.announce(key: settings.key, runID: settings.runID, as: identity)
            let ticket = try await lease.nextTicket(key: settings.key)
            try await lease.take(ticket: ticket, key: settings.key, runID: settings.runID)
            await lock.startHeartbeat(loss: loss)
            try await lock.elect(deadline: deadline, waited: waited)
            return lock
        } catch {
            await lock.release()
            throw error
        }
    }

    /// Lets go: the lease first (so a run on this host never finds our claim live after our
    /// flock is gone), then the flock. Outside any cancelled task: a run stopped by a signal
    /// releases too. Idempotent.
    public func release() async {
        guard !released else { return }
        released = true
        heartbeat?.cancel()
        await heartbeat?.value
        guard claimed else { return file.close() }
        let (lease, settings, logger) = (lease, settings, logger)
        await Task {
            do {
                try await lease.release(key: settings.key, runIDs: [settings.runID])
            } catch {
                logger.warning("Could not release the run lock's lease; it expires without a heartbeat", metadata: [
                    "lock": "\(settings.key)", "ttl_seconds": "\(settings.ttlSeconds)", "error": "\(error)",
                ])
            }
        }.value
        file.close()
    }

    private func markClaimed() { claimed = true }

    /// Holds the lock, or waits for it until `deadline`, or throws `busy`.
    private func elect(deadline: ContinuousClock.Instant?, waited: () -> Int?) async throws {
        let choosingUntil = ContinuousClock.now + Self.choosingWait
        while true {
            switch try await decide() {
            case let .won(takenOver, stale):
                for claim in takenOver { reportTakeOver(from: claim) }
                if !stale.isEmpty { try? await lease.release(key: settings.key, runIDs: stale.map(\.runID)) }
                holding = true
                return
            case .pending where ContinuousClock.now < choosingUntil:
                try await Task.sleep(for: Self.choosingPoll)
            case let .pending(choosing):
                try await queue(behind: choosing, deadline: deadline, waited: waited)
            case let .lost(holder):
                try await queue(behind: holder, deadline: deadline, waited: waited)
            }
        }
    }

    /// Gives up naming `holder` (``RunLockError/busy(key:holder:waited:)``), or waits a while
    /// before the next election when `--wait-lock` still allows.
    private func queue(behind holder: LeaseClaim?, deadline: ContinuousClock.Instant?, waited: () -> Int?) async throws {
        guard let deadline, ContinuousClock.now < deadline else {
            throw RunLockError.busy(key: settings.key, holder: holder?.holder, waited: waited())
        }
        try await Task.sleep(for: min(.seconds(1), .seconds(settings.ttlSeconds) / 3))
    }

    func decide() async throws -> LeaseElection.Outcome {
        let claims = try await lease.claims(key: settings.key, ttlSeconds: settings.ttlSeconds)
        return LeaseElection.decide(claims: claims, runID: settings.runID, holding: holding, isGone: isGone)
    }

    /// A claim of this machine whose process no longer exists: dead for sure.
    nonisolated func isGone(_ claim: LeaseClaim) -> Bool {
        claim.machine == identity.machine && claim.pid != identity.pid && !MachineIdentity.isAlive(pid: claim.pid)
    }

    private func reportTakeOver(from claim: LeaseClaim) {
        let reason = isGone(claim)
            ? "its process is gone (same machine)"
            : "no heartbeat since \(Date(timeIntervalSince1970: TimeInterval(claim.heartbeatAt)).formatted(.iso8601)), more than the TTL"
        logger.warning("Took over the run lock from a holder that stopped", metadata: [
            "lock": "\(settings.key)", "holder": "\(claim.holder)", "reason": "\(reason)", "ttl_seconds": "\(settings.ttlSeconds)",
        ])
    }
}
