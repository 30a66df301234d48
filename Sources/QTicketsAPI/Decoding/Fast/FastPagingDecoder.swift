/// The list envelope's `paging`, mirroring `objectIfPresent(Paging.self, .paging)`: `null` and
/// PHP's empty `[]` are absent; camelCase keys win over snake_case ones as in `Paging.init(from:)`.
enum FastPagingDecoder {
    private enum Field: String, CaseIterable {
        case perPage, currentPage, total, perPageSnake = "per_page", currentPageSnake = "current_page"
    }

    private static let fields = MemberTable<Field>()

    static func pagingIfPresent(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Paging? {
        if try c.consumeNull() { return nil }
        if try c.peekToken() == UInt8(ascii: "[") {
            // Only the empty array reads as absent; anything else in brackets is the reference's to reject.
            guard try !c.open(UInt8(ascii: "["), close: UInt8(ascii: "]")) else { throw FastPathDeclined() }
            return nil
        }
        var values: [Field: Int] = [:]
        try c.forEachField(fields, depth: depth) { c, field throws(FastPathDeclined) in
            values[field] = try c.intIfPresent()
        }
        guard let total = values[.total] else { throw FastPathDeclined() }
        return Paging(
            perPage: values[.perPage] ?? values[.perPageSnake] ?? 0,
            currentPage: values[.currentPage] ?? values[.currentPageSnake] ?? 1, total: total)
    }
}
