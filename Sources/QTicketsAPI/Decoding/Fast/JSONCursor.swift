/// Why the fast path stopped: the bytes go to the reference (`JSONDecoder`) decoder instead.
///
/// The fast decoders never produce an error of their own. Whenever they meet something outside
/// the canonical shapes they handle (a syntax error, an escaped key, a numeric string, a value
/// the model rejects, nesting past the limit…) they throw this, and the caller hands the row or
/// the page to the `Decodable` path. So the result is always either the fast path's, proven
/// equal to the reference's on every shape it accepts, or the reference's own, errors included.
struct FastPathDeclined: Error {
    /// The whole answer must go to the reference, not just the row being read: set for member
    /// names that are not plain ASCII. Foundation decodes every key of an object it reads, and a
    /// key it cannot decode fails the row with an error located in the *whole* document, which
    /// only decoding the whole document reproduces.
    var wholeAnswer = false
}

/// A bounds-checked reading position in a JSON document, borrowed from the caller's buffer.
///
/// Every byte access checks `index < count` first, so no input (truncated, garbage, hostile)
/// can read outside the buffer. Values are not built: strings, numbers and whole subtrees are
/// skipped by position, and only the fields a model needs are read from their bytes.
struct JSONCursor {
    /// Deepest nesting the fast path follows. Foundation's scanner refuses a document nested
    /// 512 deep; past this the page goes to the reference, which reports it. Recursion is bounded
    /// by this, so a document nested 100,000 deep cannot exhaust the stack.
    static let maxDepth = 512

    let bytes: UnsafeRawBufferPointer
    var index: Int
    /// Set when `skipValue` crosses a member name that is not plain ASCII (see
    /// `FastPathDeclined.wholeAnswer`): a row holding one cannot be handed to the reference alone.
    var sawUnusualKey = false

    init(_ bytes: UnsafeRawBufferPointer, index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// The byte at `position`, or `nil` past the end: the one place bytes are read one by one.
    @inline(__always)
    func byte(at position: Int) -> UInt8? {
        guard position >= 0, position < bytes.count else { return nil }
        return bytes[position]
    }

    /// Skips JSON whitespace (space, tab, CR, LF: exactly Foundation's set) and returns the next
    /// byte without consuming it; declines at the end of input.
    @inline(__always)
    mutating func peekToken() throws(FastPathDeclined) -> UInt8 {
        while let c = byte(at: index) {
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                index += 1
            } else {
                return c
            }
        }
        throw FastPathDeclined()
    }

    /// Consumes `expected` (after whitespace) or declines.
    @inline(__always)
    mutating func expect(_ expected: UInt8) throws(FastPathDeclined) {
        guard try peekToken() == expected else { throw FastPathDeclined() }
        index += 1
    }

    /// After a member or element: `true` if another follows (a comma was consumed), `false` at the
    /// closing `close` (consumed). A trailing comma before `close` is accepted, as Foundation does.
    @inline(__always)
    mutating func nextMember(close: UInt8) throws(FastPathDeclined) -> Bool {
        let c = try peekToken()
        index += 1
        if c == close { return false }
        guard c == UInt8(ascii: ",") else { throw FastPathDeclined() }
        if try peekToken() == close {
            index += 1
            return false
        }
        return true
    }

    /// Opens an object or array: consumes `open` and reports whether it is empty (then its close
    /// is consumed too).
    @inline(__always)
    mutating func open(_ open: UInt8, close: UInt8) throws(FastPathDeclined) -> Bool {
        try expect(open)
        if try peekToken() == close {
            index += 1
            return false
        }
        return true
    }

    /// Consumes the literal `null` if it is next, without skipping anything else.
    @inline(__always)
    mutating func consumeNull() throws(FastPathDeclined) -> Bool {
        guard try peekToken() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Consumes an exact literal (`true`, `false`, `null`) or declines.
    mutating func literal(_ text: StaticString) throws(FastPathDeclined) {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw FastPathDeclined() }
        let start = text.utf8Start
        for k in 0..<count where bytes[index + k] != start[k] {
            throw FastPathDeclined()
        }
        index += count
    }
}
