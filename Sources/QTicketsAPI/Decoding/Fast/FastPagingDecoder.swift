/// The list envelope's `paging`, mirroring `objectIfPresent(Paging.self, .paging)`: `null` and
/// PHP's empty `[]` are absent; camelCase keys win over snake_case ones as in `Paging.init(from:)`.
enum FastPagingDecoder {
    private enum Field {
        static let perPage = 0, currentPage = 1, total = 2, perPageSnake = 3, currentPageSnake = 4
    }

    static func pagingIfPresent(_ c: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Paging? {
        if try c.consumeNull() { return nil }
        if try c.peekToken() == UInt8(ascii: "[") {
            // Only the empty array reads as absent; anything else in brackets is the reference's to reject.
            guard try !c.open(UInt8(ascii: "["), close: UInt8(ascii: "]")) else { throw FastPathDeclined() }
            return nil
        }
        var perPage: Int?
        var currentPage: Int?
        var total: Int?
        var perPageSnake: Int?
        var currentPageSnake: Int?
        var seen = SeenFields()
        try c.forEachMember(depth: depth) { c, name throws(FastPathDeclined) in
            if c.name(name, is: "perPage"), seen.first(Field.perPage) {
                perPage = try c.intIfPresent()
            } else if c.name(name, is: "currentPage"), seen.first(Field.currentPage) {
                currentPage = try c.intIfPresent()
            } else if c.name(name, is: "total"), seen.first(Field.total) {
                total = try c.intIfPresent()
            } else if c.name(name, is: "per_page"), seen.first(Field.perPageSnake) {
                perPageSnake = try c.intIfPresent()
            } else if c.name(name, is: "current_page"), seen.first(Field.currentPageSnake) {
                currentPageSnake = try c.intIfPresent()
            } else {
                try c.skipValue(depth: depth + 1)
            }
        }
        guard let total else { throw FastPathDeclined() }
        return Paging(perPage: perPage ?? perPageSnake ?? 0, currentPage: currentPage ?? currentPageSnake ?? 1, total: total)
    }
}
