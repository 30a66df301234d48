/// The flag strings `lenientFlag` accepts, matched exactly on raw ASCII bytes.
///
/// The reference trims and lowercases before comparing, so `" 1"` or `"TRUE"` are flags too;
/// those are rare and left to it (they decline here).
enum FlagWords {
    static func value(_ bytes: UnsafeRawBufferPointer, _ span: JSONStringSpan) -> Bool? {
        guard span.start >= 0, span.end <= bytes.count, span.count <= 5 else { return nil }
        var packed: UInt64 = 0
        for k in span.start..<span.end { packed = packed << 8 | UInt64(bytes[k]) }
        switch (span.count, packed) {
        case (1, pack("1")), (4, pack("true")), (3, pack("yes")), (2, pack("on")): return true
        case (1, pack("0")), (5, pack("false")), (2, pack("no")), (3, pack("off")), (0, 0): return false
        default: return nil
        }
    }

    private static func pack(_ word: StaticString) -> UInt64 {
        var packed: UInt64 = 0
        for k in 0..<word.utf8CodeUnitCount { packed = packed << 8 | UInt64(word.utf8Start[k]) }
        return packed
    }
}
