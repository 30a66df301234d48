import Testing
@testable import QTicketsAPI

/// Issue 9.6: paging values come from the network and both decoders accept any `Int`; no value
/// may trap (`(total + perPage - 1) / perPage` did for `total` near 2^63).
@Suite struct PagingArithmeticTests {
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
}
