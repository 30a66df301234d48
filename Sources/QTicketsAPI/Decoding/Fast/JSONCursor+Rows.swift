/// Positions for row isolation: where a row starts, and the reference's reading of it.
extension JSONCursor {
    /// The position of the next value (after whitespace).
    mutating func rowStart() throws(FastPathDeclined) -> Int {
        _ = try peekToken()
        return index
    }

    /// Only whitespace may follow the top-level value (Foundation's rule).
    mutating func expectEnd() throws(FastPathDeclined) {
        while let c = byte(at: index) {
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { throw FastPathDeclined() }
            index += 1
        }
    }

    /// The reference decoding of the row that starts at `start`, which the fast path declined:
    /// the cursor moves past it (checking its syntax), and the row goes to the reference alone
    /// unless a member name in it needs the whole answer to be decoded alike.
    mutating func referenceRow<T: Decodable & Sendable>(
        _ type: T.Type, from start: Int, depth: Int, path: [any CodingKey]
    ) throws(FastPathDeclined) -> ElementResult<T> {
        index = start
        sawUnusualKey = false
        try skipValue(depth: depth)
        if sawUnusualKey { throw FastPathDeclined(wholeAnswer: true) }
        return ReferenceDecoding.row(T.self, from: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), path: path)
    }
}
