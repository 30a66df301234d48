/// A list answer (`{"data":[…],"paging":{…}}`) with its rows read by a `FastRowDecoder`.
///
/// A row the fast path declines is decoded on its own by the reference (its failure, if any,
/// stays that row's); anything unusual about the envelope itself (no `data`, `data` not an
/// array, a syntax error anywhere, nesting past the limit) sends the whole answer to the
/// reference `ListPage` decoding, so the caller sees exactly the reference's result or error.
enum FastListPageDecoder<Rows: FastRowDecoder> {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> ListPage<Rows.Row> {
        do {
            return try fast(bytes)
        } catch {
            return try ReferenceDecoding.decode(ListPage<Rows.Row>.self, from: bytes)
        }
    }

    private static func fast(_ bytes: UnsafeRawBufferPointer) throws(FastPathDeclined) -> ListPage<Rows.Row> {
        var c = JSONCursor(bytes)
        var rows: [ElementResult<Rows.Row>]?
        var paging: Paging?
        var seenPaging = false
        try c.forEachMember(depth: 0) { c, name throws(FastPathDeclined) in
            if rows == nil, c.name(name, is: "data") {
                rows = try self.rows(&c)
            } else if !seenPaging, c.name(name, is: "paging") {
                seenPaging = true
                paging = try FastPagingDecoder.pagingIfPresent(&c, depth: 1)
            } else {
                try c.skipValue(depth: 1)
            }
        }
        try c.expectEnd()
        guard let rows else { throw FastPathDeclined() }
        return ListPage(rows: rows, paging: paging)
    }

    /// The `data` array, row by row; a declined row is re-read by the reference.
    private static func rows(_ c: inout JSONCursor) throws(FastPathDeclined) -> [ElementResult<Rows.Row>] {
        var rows: [ElementResult<Rows.Row>] = []
        guard try c.open(UInt8(ascii: "["), close: UInt8(ascii: "]")) else { return rows }
        rows.reserveCapacity(64)
        repeat {
            let start = try c.rowStart()
            do throws(FastPathDeclined) {
                rows.append(.success(try Rows.row(&c, depth: 2)))
            } catch {
                if error.wholeAnswer { throw error }
                rows.append(try c.referenceRow(Rows.Row.self, from: start, depth: 2, path: [PathKey.data, PathKey(intValue: rows.count)]))
            }
        } while try c.nextMember(close: UInt8(ascii: "]"))
        return rows
    }
}
