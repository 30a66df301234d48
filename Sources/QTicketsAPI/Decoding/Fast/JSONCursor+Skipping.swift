/// A string's raw bytes (between the quotes), located without copying them.
struct JSONStringSpan {
    /// First byte after the opening quote.
    var start: Int
    /// The closing quote's position.
    var end: Int
    /// No backslash and no control character: the raw bytes are the string's UTF-8, exactly what
    /// Foundation's decoder would build (it still has to be valid UTF-8).
    var isSimple: Bool
    /// Every byte is below 0x80.
    var isASCII: Bool

    var count: Int { end - start }
}

extension JSONCursor {
    /// Scans the string that starts at `index` (a quote) and leaves `index` after its closing quote.
    ///
    /// Mirrors Foundation's scanner: a backslash escapes the next byte, `\u` needs four more bytes
    /// none of which is a quote; control characters and invalid UTF-8 are left for decode time
    /// (only what is decoded is checked, as in Foundation). Long strings are crossed eight bytes
    /// at a time: a word with no quote, backslash or control byte is skipped whole.
    mutating func string() throws(FastPathDeclined) -> JSONStringSpan {
        guard byte(at: index) == UInt8(ascii: "\"") else { throw FastPathDeclined() }
        index += 1
        let start = index
        let count = bytes.count
        var special = false
        var high: UInt64 = 0
        while true {
            while index + 8 <= count {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let hits = Self.quoteBackslashOrControl(word)
                if hits != 0 {
                    // The lowest flagged byte is a real hit: jump straight to it.
                    let clean = hits.trailingZeroBitCount / 8
                    high |= word & ((1 << (UInt64(clean) * 8)) &- 1)
                    index += clean
                    break
                }
                high |= word
                index += 8
            }
            guard index < count else { throw FastPathDeclined() }
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                let span = JSONStringSpan(start: start, end: index, isSimple: !special, isASCII: high & 0x8080_8080_8080_8080 == 0)
                index += 1
                return span
            }
            if c == UInt8(ascii: "\\") {
                special = true
                guard let escaped = byte(at: index + 1) else { throw FastPathDeclined() }
                if escaped == UInt8(ascii: "u") {
                    guard index + 6 <= count else { throw FastPathDeclined() }
                    for k in (index + 2)..<(index + 6) where bytes[k] == UInt8(ascii: "\"") {
                        throw FastPathDeclined()
                    }
                    index += 6
                } else {
                    index += 2
                }
                continue
            }
            if c < 0x20 { special = true }
            high |= UInt64(c)
            index += 1
        }
    }

    /// The high bit of each byte of `word` (little-endian order) that is `"`, `\` or below 0x20.
    /// Borrows can flag bytes *above* a real hit, never below one: the lowest flag is exact, and
    /// a zero result means no such byte.
    @inline(__always)
    static func quoteBackslashOrControl(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control) & highs
    }

    /// The extent of the number that starts at `index`, consumed the way Foundation's scanner
    /// consumes it (a sign or digit, then any of `0-9 . + - e E`); validity is checked by whoever
    /// decodes it.
    mutating func numberToken() throws(FastPathDeclined) -> Range<Int> {
        let start = index
        guard let first = byte(at: index), first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            throw FastPathDeclined()
        }
        index += 1
        while let c = byte(at: index) {
            switch c {
            case 0x30...0x39, UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                return start..<index
            }
        }
        return start..<index
    }

    /// Skips one value of any kind, checking its structure, without building anything.
    /// `depth` is the number of objects and arrays that enclose the value.
    mutating func skipValue(depth: Int) throws(FastPathDeclined) {
        switch try peekToken() {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw FastPathDeclined() }
            guard try open(UInt8(ascii: "{"), close: UInt8(ascii: "}")) else { return }
            repeat {
                guard try peekToken() == UInt8(ascii: "\"") else { throw FastPathDeclined() }
                let name = try string()
                if !(name.isSimple && name.isASCII) { sawUnusualKey = true }
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
            } while try nextMember(close: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw FastPathDeclined() }
            guard try open(UInt8(ascii: "["), close: UInt8(ascii: "]")) else { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try nextMember(close: UInt8(ascii: "]"))
        case UInt8(ascii: "t"):
            try literal("true")
        case UInt8(ascii: "f"):
            try literal("false")
        case UInt8(ascii: "n"):
            try literal("null")
        default:
            _ = try numberToken()
        }
    }
}
