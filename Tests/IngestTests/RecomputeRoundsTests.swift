import Testing
@testable import Ingest

/// The daily recompute's rounds: a 15-minute run's days in one round whatever months they
/// span; a backfill's in rounds of bounded size.
@Suite struct RecomputeRoundsTests {
    @Test func aShortRunsDaysAreOneRoundOverManyMonths() {
        // 200 days spread over five years: one round, every month once, days sorted.
        let days = Set((0..<200).map { UInt16(18_000 + $0 * 9) })
        let rounds = ClickHouseWarehouse.rounds(of: days)
        #expect(rounds.count == 1)
        #expect(Set(rounds[0].flatMap(\.days)) == days)
        #expect(rounds[0].map(\.month) == rounds[0].map(\.month).sorted())
        #expect(Set(rounds[0].map(\.month)).count == rounds[0].count)
    }

    @Test func aBackfillsDaysGoInBoundedRounds() {
        let days = Set((0..<(5 * 365)).map { UInt16(18_000 + $0) })
        let rounds = ClickHouseWarehouse.rounds(of: days)
        #expect(rounds.count > 1)
        #expect(rounds.allSatisfy { $0.flatMap(\.days).count <= ClickHouseWarehouse.recomputeDaysPerRound })
        #expect(Set(rounds.flatMap { $0.flatMap(\.days) }) == days)
        // A month is never split between rounds.
        let months = rounds.flatMap { $0.map(\.month) }
        #expect(months.count == Set(months).count)
    }
}
