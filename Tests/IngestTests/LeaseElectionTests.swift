import Testing
@testable import Ingest

/// Who holds the lease, from the claims alone: every contender decides the same way.
@Suite struct LeaseElectionTests {
    func claim(_ run: String, at second: UInt32, live: Bool = true, machine: String = "m1", pid: Int32 = 10) -> LeaseClaim {
        LeaseClaim(runID: run, host: "h", machine: machine, pid: pid, claimedAt: second, heartbeatAt: second, live: live)
    }

    let neverGone: (LeaseClaim) -> Bool = { _ in false }

    @Test func theEarliestLiveClaimWinsTiesByRunID() {
        let claims = [claim("b", at: 100), claim("a", at: 100), claim("c", at: 99)]
        #expect(LeaseElection.decide(claims: claims, runID: "c", isGone: neverGone) == .won(takenOver: [], stale: []))
        #expect(LeaseElection.decide(claims: claims, runID: "a", isGone: neverGone) == .lost(to: claim("c", at: 99)))
        let tie = [claim("b", at: 100), claim("a", at: 100)]
        #expect(LeaseElection.decide(claims: tie, runID: "a", isGone: neverGone) == .won(takenOver: [], stale: []))
        #expect(LeaseElection.decide(claims: tie, runID: "b", isGone: neverGone) == .lost(to: claim("a", at: 100)))
    }

    @Test func anExpiredOrGoneHolderIsTakenOverAndNamed() {
        let expired = claim("old", at: 50, live: false)
        let gone = claim("gone", at: 60, pid: 77)
        let later = claim("late", at: 200, live: false)
        let claims = [expired, gone, claim("me", at: 100), later]
        let outcome = LeaseElection.decide(claims: claims, runID: "me", isGone: { $0.pid == 77 })
        #expect(outcome == .won(takenOver: [expired, gone], stale: [expired, gone, later]))
    }

    @Test func aLiveHolderElsewhereKeepsTheLock() {
        // Another machine's claim is never judged by PID: only its heartbeat counts.
        let holder = claim("holder", at: 50, machine: "m2", pid: 77)
        #expect(LeaseElection.decide(claims: [holder, claim("me", at: 100)], runID: "me", isGone: { _ in false }) == .lost(to: holder))
    }

    @Test func aMissingOwnClaimIsALoss() {
        #expect(LeaseElection.decide(claims: [claim("x", at: 10)], runID: "me", isGone: neverGone) == .lost(to: claim("x", at: 10)))
        #expect(LeaseElection.decide(claims: [], runID: "me", isGone: neverGone) == .lost(to: nil))
    }

    /// A claim announced but not ticketed yet may still come out earlier: a contender decides
    /// nothing past it (not even a loss, whose holder it may yet turn out to be), a holder
    /// ignores it (it announced after the holder won, or the holder waited for it), and a dead
    /// chooser is no obstacle.
    @Test func aClaimStillChoosingItsTicketHoldsTheElectionUntilItHasOne() {
        let choosing = LeaseClaim(runID: "new", host: "h2", machine: "m2", pid: 5, claimedAt: 0, heartbeatAt: 120, live: true)
        #expect(choosing.isChoosing && !claim("me", at: 100).isChoosing)
        let earlier = claim("first", at: 90)
        #expect(LeaseElection.decide(claims: [choosing, claim("me", at: 100)], runID: "me", isGone: neverGone) == .pending(choosing))
        #expect(LeaseElection.decide(claims: [choosing, earlier, claim("me", at: 100)], runID: "me", isGone: neverGone) == .pending(choosing))
        #expect(LeaseElection.decide(claims: [choosing, claim("me", at: 100)], runID: "me", holding: true, isGone: neverGone)
            == .won(takenOver: [], stale: []))
        #expect(LeaseElection.decide(claims: [choosing, earlier, claim("me", at: 100)], runID: "me", holding: true, isGone: neverGone)
            == .lost(to: earlier))

        var expired = choosing
        expired.live = false
        #expect(LeaseElection.decide(claims: [expired, claim("me", at: 100)], runID: "me", isGone: neverGone)
            == .won(takenOver: [], stale: [expired]), "a dead chooser is released, and was never a holder to take over from")
        #expect(LeaseElection.decide(claims: [choosing, claim("me", at: 100)], runID: "me", isGone: { $0.pid == 5 })
            == .won(takenOver: [], stale: [choosing]))
    }

    /// Our own claim without its ticket never wins (its stamp did not land).
    @Test func ourOwnClaimWithoutATicketIsNotAWin() {
        let ours = LeaseClaim(runID: "me", host: "h", machine: "m1", pid: 10, claimedAt: 0, heartbeatAt: 100, live: true)
        #expect(LeaseElection.decide(claims: [ours], runID: "me", isGone: neverGone) == .lost(to: nil))
    }

    /// A chooser is named by when it announced, not as a holder since 1970.
    @Test func aChoosersHolderLineSaysWhenItAnnounced() {
        let choosing = LeaseClaim(runID: "new", host: "h2", machine: "m2", pid: 5, claimedAt: 0, heartbeatAt: 1_700_000_000, live: true)
        #expect(choosing.holder.since.timeIntervalSince1970 == 1_700_000_000)
        #expect(claim("me", at: 100).holder.since.timeIntervalSince1970 == 100)
    }
}
