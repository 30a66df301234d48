/// Who holds the lease, decided from the claims alone (pure, so every contender decides the
/// same way from the same rows).
///
/// The earliest live ticket wins, ties by run id, once no other live claim is still choosing
/// its ticket (the bakery algorithm: a claim announced before this run's read of the claims
/// may have read its ticket before ours was visible, and so come out earlier; one announced
/// after that read sees ours and comes out later). A claim whose heartbeat is older than the
/// TTL does not count (its holder stopped: killed, host lost, cut off from ClickHouse), nor
/// does one that `isGone` says is dead for sure (same machine, process gone): the winner takes
/// the lock over from those and says so.
public enum LeaseElection {
    public enum Outcome: Equatable, Sendable {
        /// `takenOver`: earlier claims that were never released and no longer count, for the
        /// log line; `stale`: every claim other than ours that no longer counts, to release.
        case won(takenOver: [LeaseClaim], stale: [LeaseClaim])
        /// Someone else's live claim is earlier (or ours is missing: it was released or expired).
        case lost(to: LeaseClaim?)
        /// This live claim is still choosing its ticket, which may come out earlier than every
        /// ticket seen: decide again once it has one (a contender only; see `holding`).
        case pending(LeaseClaim)
    }

    /// `holding`: whether this run already holds the lock (its heartbeat's check). A holder
    /// ignores claims still choosing: one announced after it won reads a later ticket, and it
    /// waited for every one announced before. A contender waits for them (``Outcome/pending(_:)``)
    /// even when another ticket is ahead of its own, so that the holder it names is the one that
    /// wins (three runs at once: the ticket first now may lose to one still choosing).
    public static func decide(claims: [LeaseClaim], runID: String, holding: Bool = false, isGone: (LeaseClaim) -> Bool) -> Outcome {
        let counting = claims.filter { $0.live && ($0.runID == runID || !isGone($0)) }
        let ticketed = counting.filter { !$0.isChoosing }
        let first = ticketed.min { $0.precedes($1) }
        if !holding, let choosing = counting.first(where: { $0.isChoosing && $0.runID != runID }) {
            return .pending(choosing)
        }
        guard let ours = ticketed.first(where: { $0.runID == runID }), first?.runID == runID else {
            return .lost(to: first)
        }
        let stale = claims.filter { claim in claim.runID != runID && !counting.contains { $0.runID == claim.runID } }
        return .won(takenOver: stale.filter { !$0.isChoosing && $0.precedes(ours) }, stale: stale)
    }
}
