/// The seats answer, mirroring `SeatsEnvelope.init(from:)`: `data` absent or `null` is no seats,
/// an object keyed by seat id gives its rows sorted by key (the first of duplicated keys wins,
/// as in Foundation's dictionaries), an array gives its rows in order. Rows are isolated like
/// list rows; anything else goes to the reference as a whole.
enum FastSeatsDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> SeatsEnvelope {
        do {
            return SeatsEnvelope(rows: try fast(bytes))
        } catch {
            return try ReferenceDecoding.decode(SeatsEnvelope.self, from: bytes)
        }
    }

    private static func fast(_ bytes: UnsafeRawBufferPointer) throws(FastPathDeclined) -> [ElementResult<Seat>] {
        var c = JSONCursor(bytes)
        var rows: [ElementResult<Seat>]?
        try c.forEachMember(depth: 0) { c, name throws(FastPathDeclined) in
            if rows == nil, c.name(name, is: "data") {
                rows = try data(&c)
            } else {
                try c.skipValue(depth: 1)
            }
        }
        try c.expectEnd()
        return rows ?? []
    }

    private static func data(_ c: inout JSONCursor) throws(FastPathDeclined) -> [ElementResult<Seat>] {
        switch try c.peekToken() {
        case UInt8(ascii: "n"):
            try c.literal("null")
            return []
        case UInt8(ascii: "["):
            var rows: [ElementResult<Seat>] = []
            guard try c.open(UInt8(ascii: "["), close: UInt8(ascii: "]")) else { return rows }
            repeat {
                rows.append(try row(&c, key: nil, index: rows.count))
            } while try c.nextMember(close: UInt8(ascii: "]"))
            return rows
        case UInt8(ascii: "{"):
            return try keyed(&c)
        default:
            throw FastPathDeclined()
        }
    }

    /// `{seatID: seat, …}`: rows sorted by key bytes (for ASCII keys, the order of `String`'s `<`).
    private static func keyed(_ c: inout JSONCursor) throws(FastPathDeclined) -> [ElementResult<Seat>] {
        var entries: [(key: JSONStringSpan, position: Int, row: ElementResult<Seat>)] = []
        try c.forEachMember(depth: 1) { c, key throws(FastPathDeclined) in
            entries.append((key, entries.count, try row(&c, key: key)))
        }
        let bytes = c.bytes
        entries.sort { lhs, rhs in
            let order = compare(bytes, lhs.key, rhs.key)
            return order != 0 ? order < 0 : lhs.position < rhs.position
        }
        var rows: [ElementResult<Seat>] = []
        rows.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() where i == 0 || compare(bytes, entries[i - 1].key, entry.key) != 0 {
            rows.append(entry.row)
        }
        return rows
    }

    /// One seat; a declined one is re-read by the reference, placed under its map key or index.
    private static func row(_ c: inout JSONCursor, key: JSONStringSpan?, index: Int = 0) throws(FastPathDeclined) -> ElementResult<Seat> {
        let start = try c.rowStart()
        do throws(FastPathDeclined) {
            return .success(try FastSeatDecoder.row(&c, depth: 2))
        } catch {
            if error.wholeAnswer { throw error }
            let place = key.map { PathKey(stringValue: String(decoding: c.contents(of: $0), as: UTF8.self)) }
            return try c.referenceRow(Seat.self, from: start, depth: 2, path: [PathKey.data, place ?? PathKey(intValue: index)])
        }
    }

    /// Byte-wise three-way comparison of two spans of `bytes`.
    private static func compare(_ bytes: UnsafeRawBufferPointer, _ a: JSONStringSpan, _ b: JSONStringSpan) -> Int {
        let n = min(a.count, b.count)
        for k in 0..<n {
            let x = bytes[a.start + k]
            let y = bytes[b.start + k]
            if x != y { return x < y ? -1 : 1 }
        }
        return a.count - b.count
    }
}

extension SeatsEnvelope {
    init(rows: [ElementResult<Seat>]) {
        self.rows = rows
    }
}
