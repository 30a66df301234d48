/// The list envelope's `paging {perPage, currentPage, total}`. There is no `has_next`: the number
/// of pages is `ceil(total / perPage)`, with whatever `perPage` the server chose.
public struct Paging: Sendable, Hashable {
    public var perPage: Int
    public var currentPage: Int
    public var total: Int

    public init(perPage: Int, currentPage: Int, total: Int) {
        self.perPage = perPage
        self.currentPage = currentPage
        self.total = total
    }

    /// Pages the listing has according to this answer (at least 1).
    ///
    /// Both decoders accept any `total` up to `Int.max`, so `(total + perPage - 1) / perPage`
    /// would trap on a hostile or broken answer (`total` near 2^63) and crash the process with
    /// the run left `running`. Division and remainder cannot overflow for positive operands.
    public var pageCount: Int {
        guard perPage > 0, total > 0 else { return 1 }
        return total / perPage + (total % perPage == 0 ? 0 : 1)
    }
}
