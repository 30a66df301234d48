import Testing
@testable import QTicketsAPI

/// Issue 9.6: numbers that come from the network never trap. Paging values (both decoders
/// accept any `Int`; `(total + perPage - 1) / perPage` trapped for `total` near 2^63) and
/// `Retry-After` (`Duration.seconds(1e300)` traps).
@Suite struct HostileNumberTests {
    @Test(arguments: [
        (Int.max, 1, Int.max),
        (Int.max, 50, Int.max / 50 + 1),
        (Int.max, Int.max, 1),
        (9_223_372_036_854_775_000, 50, 184_467_440_737_095_500),
        (Int.max - 1, 2, Int.max / 2),
        (100, 50, 2), (101, 50, 3), (1, 50, 1), (0, 50, 1), (-5, 50, 1), (Int.min, 50, 1),
        (100, 0, 1), (100, -50, 1), (100, Int.min, 1),
    ])
    func pageCountNeverTraps(total: Int, perPage: Int, pages: Int) {
        #expect(Paging(perPage: perPage, currentPage: 1, total: total).pageCount == pages)
    }

    @Test(arguments: ["1e300", "9223372036854775807", "1e19", "-1e300", "99999999999999999999999"])
    func aRetryAfterOfAnySizeIsCappedNotATrap(_ header: String) {
        let wait = RetryAfter.parse(header)
        #expect(wait == (header.hasPrefix("-") ? .zero : .seconds(3600)))
    }
}
