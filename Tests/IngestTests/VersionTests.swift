import Foundation
import Synchronization
import Testing
@testable import Ingest

/// Versions order states correctly: a later `updated_at` always wins, a later fetch of the same
/// second wins, and the versions a run stamps itself never go backwards.
@Suite struct VersionTests {
    let second = Date(timeIntervalSince1970: 1_764_500_000)

    @Test func anOlderUpdatedAtAlwaysLoses() {
        // Fetched a month later (clamped tiebreak) against fetched at once, or 4 minutes before
        // its stamp (an API clock ahead): the newer second still wins.
        let older = TicketVersion.make(updatedAt: second, fetchedAt: second.addingTimeInterval(30 * 86_400))
        let newer = TicketVersion.make(updatedAt: second.addingTimeInterval(1), fetchedAt: second.addingTimeInterval(-240))
        #expect(older < newer)
        #expect(TicketVersion.updatedAtSeconds(of: newer) == 1_764_500_001)
    }

    @Test func withinOneSecondTheLaterFetchWins() {
        let first = TicketVersion.make(updatedAt: second, fetchedAt: second.addingTimeInterval(0.250))
        let again = TicketVersion.make(updatedAt: second, fetchedAt: second.addingTimeInterval(0.251))
        let weekLater = TicketVersion.make(updatedAt: second, fetchedAt: second.addingTimeInterval(7 * 86_400))
        let yearLater = TicketVersion.make(updatedAt: second, fetchedAt: second.addingTimeInterval(365 * 86_400))
        #expect(first < again && again < weekLater && weekLater <= yearLater)
        // An API clock minutes ahead of ours: the fetch is "before" the stamp, still ordered.
        let early = TicketVersion.make(updatedAt: second, fetchedAt: second.addingTimeInterval(-300))
        #expect(early < first)
    }

    @Test func theVersionClockNeverGoesBackwards() {
        let now = Mutex(Date(timeIntervalSince1970: 2_000_000_000))
        let clock = VersionClock(wallClock: { now.withLock { $0 } })
        let a = clock.next()
        let b = clock.next()
        #expect(a == 2_000_000_000_000 && b == a + 1)
        now.withLock { $0 = $0.addingTimeInterval(-3_600) }  // the host clock steps back an hour
        let c = clock.next()
        #expect(c == b + 1)
        // Seeded from a warehouse written by a host whose clock is ahead: above that too.
        clock.seed(atLeast: 2_100_000_000_000)
        #expect(clock.next() == 2_100_000_000_001)
        clock.seed(atLeast: 5)  // a seed never lowers it
        #expect(clock.next() == 2_100_000_000_002)
    }
}
