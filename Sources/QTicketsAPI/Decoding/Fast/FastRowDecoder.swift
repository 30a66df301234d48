/// Decodes one row of a list (an order, a seat) straight from the bytes, or declines.
protocol FastRowDecoder {
    associatedtype Row: Decodable & Sendable

    /// Reads the row at the cursor. `depth`: the objects and arrays enclosing it.
    static func row(_ cursor: inout JSONCursor, depth: Int) throws(FastPathDeclined) -> Row
}
