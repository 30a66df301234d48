import Foundation
import Testing

@testable import QTicketsFake

@Suite struct TimestampTests {
    @Test func formatsAsMoscowWallTimeWithOffset() {
        // 2021-05-18T09:23:40Z is 12:23:40 in Moscow.
        #expect(FakeTimestamp.format(1_621_329_820) == "2021-05-18T12:23:40+03:00")
        #expect(FakeTimestamp.format(0) == "1970-01-01T03:00:00+03:00")
    }

    @Test func parsesOffsetsZuluAndFractions() throws {
        #expect(FakeTimestamp.parse("2021-05-18T12:23:40+03:00") == 1_621_329_820)
        #expect(FakeTimestamp.parse("2021-05-18T09:23:40Z") == 1_621_329_820)
        #expect(FakeTimestamp.parse("2021-05-18T14:23:40+0500") == 1_621_329_820)
        #expect(FakeTimestamp.parse("2021-05-18 12:23:40") == 1_621_329_820)  // Moscow by convention
        #expect(FakeTimestamp.parse("2021-05-18T09:23:40.5Z") == 1_621_329_820.5)
        #expect(FakeTimestamp.parse("not a date") == nil)
    }

    @Test func roundTripsAgainstFoundation() throws {
        let formatter = ISO8601DateFormatter()
        var rng = SplitMix64(seed: 1)
        for _ in 0..<1_000 {
            let epoch = rng.int(in: 0...4_000_000_000)
            let text = FakeTimestamp.format(epoch)
            #expect(text.hasSuffix("+03:00"))
            let date = try #require(formatter.date(from: text))
            #expect(Int(date.timeIntervalSince1970) == epoch)
            #expect(FakeTimestamp.parse(text) == Double(epoch))
        }
    }
}
