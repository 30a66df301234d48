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

    /// The reference decoding of the row between `start` and the cursor (already checked by
    /// `skipValue`, so it is one complete value).
    func referenceRow<T: Decodable & Sendable>(_ type: T.Type, from start: Int, path: [any CodingKey]) -> ElementResult<T> {
        ReferenceDecoding.row(T.self, from: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), path: path)
    }
}
