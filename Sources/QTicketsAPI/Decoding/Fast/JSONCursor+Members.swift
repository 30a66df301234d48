/// Member names of the objects the fast path decodes.
///
/// Foundation decodes *every* key of an object it opens a keyed container on, and an escaped
/// key (`"\u0069d"` is `id`) or a non-ASCII one must be compared after decoding. The models'
/// keys are plain ASCII, so a member name that is not plain ASCII declines: the reference then
/// decides what it means (or that it is invalid).
extension JSONCursor {
    /// Reads `"name":` and returns the name's span.
    @inline(__always)
    mutating func memberName() throws(FastPathDeclined) -> JSONStringSpan {
        guard try peekToken() == UInt8(ascii: "\"") else { throw FastPathDeclined() }
        let name = try string()
        guard name.isSimple, name.isASCII else { throw FastPathDeclined(wholeAnswer: true) }
        try expect(UInt8(ascii: ":"))
        return name
    }

    /// Whether `name` is exactly `expected`.
    @inline(__always)
    func name(_ name: JSONStringSpan, is expected: StaticString) -> Bool {
        let count = expected.utf8CodeUnitCount
        guard name.count == count, name.start >= 0, name.end <= bytes.count else { return false }
        let text = expected.utf8Start
        for k in 0..<count where bytes[name.start + k] != text[k] {
            return false
        }
        return true
    }

    /// Reads the object at the cursor (at nesting `depth`; anything but an object declines),
    /// calling `member` with the cursor on each member's value and the member's name; `member`
    /// must consume the value (read it, or `skipValue`).
    @inline(__always)
    mutating func forEachMember(
        depth: Int, _ member: (inout JSONCursor, JSONStringSpan) throws(FastPathDeclined) -> Void
    ) throws(FastPathDeclined) {
        guard depth < Self.maxDepth else { throw FastPathDeclined() }
        guard try open(UInt8(ascii: "{"), close: UInt8(ascii: "}")) else { return }
        repeat {
            let name = try memberName()
            try member(&self, name)
        } while try nextMember(close: UInt8(ascii: "}"))
    }

    /// Reads the object at the cursor, calling `read` with the cursor on the value of each member
    /// `fields` names, the first time it appears; every other member is skipped.
    @inline(__always)
    mutating func forEachField<Field>(
        _ fields: MemberTable<Field>, depth: Int, _ read: (inout JSONCursor, Field) throws(FastPathDeclined) -> Void
    ) throws(FastPathDeclined) {
        var seen = SeenFields()
        try forEachMember(depth: depth) { c, name throws(FastPathDeclined) in
            if let (field, number) = fields.field(name, in: c.bytes), seen.first(number) {
                try read(&c, field)
            } else {
                try c.skipValue(depth: depth + 1)
            }
        }
    }
}

/// Which fields of an object were already read. Foundation keeps the *first* of duplicated keys,
/// so a repeated field is skipped, not read again.
struct SeenFields {
    private var bits: UInt64 = 0

    /// `true` the first time `field` (below 64) is seen.
    @inline(__always)
    mutating func first(_ field: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(field)
        defer { bits |= bit }
        return bits & bit == 0
    }
}
