/// Who holds the lease, decided from the claims alone (pure, so every contender decides the
/// same way from the same rows).
///
/// The earliest live claim wins, ties by run id. A claim whose heartbeat is older than the TTL
/// does not count (its holder stopped: killed, host lost, cut off from ClickHouse), nor does
/// one that `isGone` says is dead for sure (same machine, process gone): the winner takes the
/// lock over from those and says so.
public enum LeaseElection {
    public enum Outcome: Equatable, Sendable {
        /// `takenOver`: earlier claims that were never released and no longer count, for the
        /// log line; `stale`: every claim other than ours that no longer counts, to release.
        case won(takenOver: [LeaseClaim], stale: [LeaseClaim])
        /// Someone else's live claim is earlier (or ours is missing: it was released or expired).
        case lost(to: LeaseClaim?)
    }

    public static func decide(claims: [LeaseClaim], runID: String, isGone: (LeaseClaim) -> Bool) -> Outcome {
        let counting = claims.filter { $0.live && ($0.runID == runID || !isGone($0)) }
        guard let ours = counting.first(where: { $0.runID == runID }) else {
            return .lost(to: counting.min { $0.precedes($1) })
        }
        if let first = counting.min(by: { $0.precedes($1) }), first.runID != runID {
            return .lost(to: first)
        }
        let stale = claims.filter { claim in claim.runID != runID && !counting.contains { $0.runID == claim.runID } }
        return .won(takenOver: stale.filter { $0.precedes(ours) }, stale: stale)
    }
}
