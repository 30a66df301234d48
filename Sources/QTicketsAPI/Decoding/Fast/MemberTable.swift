/// The member names one fast decoder reads (its `Field` enum's raw values), found in one probe of
/// a small open-addressing hash table keyed by the name's length and first eight bytes.
///
/// Every decoder matches member names the same way through this table, so a decoder only says
/// which names it reads and how each value is read. Most members of an order are ones the
/// decoder skips: they cost one hash and, usually, one slot compare.
struct MemberTable<Field: RawRepresentable & CaseIterable & Sendable>: Sendable where Field.RawValue == String {
    private struct Slot: Sendable {
        /// 0: empty (no field has an empty name).
        var length = 0
        /// The name's first eight bytes, little-endian, zero-padded.
        var head: UInt64 = 0
        /// The name's last eight bytes when it is longer than eight.
        var tail: UInt64 = 0
        /// Where the bytes between `head` and `tail` of a name over sixteen bytes start in `middles`.
        var middle = 0
        var field: Field?
    }

    /// A power of two, with room to spare: few probes for the names that are not fields, and a
    /// slot index fits the 64 bits of `SeenFields`.
    private static var capacity: Int { 64 }
    private static var longest: Int { 64 }
    private var slots = [Slot](repeating: Slot(), count: capacity)
    private var middles: [UInt8] = []

    init() {
        precondition(Field.allCases.count <= Self.capacity / 2, "too many fields for one table")
        for field in Field.allCases {
            let name = Array(field.rawValue.utf8)
            precondition((1...Self.longest).contains(name.count), "member name length out of range: \(field.rawValue)")
            let (head, tail) = name.withUnsafeBytes { bytes in (Self.head(bytes, 0, name.count), Self.tail(bytes, name.count)) }
            let slot = Slot(length: name.count, head: head, tail: tail, middle: middles.count, field: field)
            if name.count > 16 { middles += name[8..<(name.count - 8)] }
            var index = Self.hash(name.count, head)
            while slots[index].length != 0 { index = (index + 1) & (Self.capacity - 1) }
            slots[index] = slot
        }
    }

    /// The field `name` (a span of `bytes`) names, and a number unique to that field below 64
    /// (for `SeenFields`); `nil` for any other name.
    @inline(__always)
    func field(_ name: JSONStringSpan, in bytes: UnsafeRawBufferPointer) -> (field: Field, number: Int)? {
        let length = name.count
        guard length >= 1, length <= Self.longest, name.start >= 0, name.end <= bytes.count else { return nil }
        let head = Self.head(bytes, name.start, length)
        var index = Self.hash(length, head)
        while true {
            let slot = slots[index]
            if slot.length == 0 { return nil }
            if slot.length == length, slot.head == head, let field = slot.field,
                length <= 8 || matchesRest(slot, bytes, name)
            {
                return (field, index)
            }
            index = (index + 1) & (Self.capacity - 1)
        }
    }

    /// Bytes 8 and on of `name` (longer than eight) against the slot's.
    @inline(__always)
    private func matchesRest(_ slot: Slot, _ bytes: UnsafeRawBufferPointer, _ name: JSONStringSpan) -> Bool {
        guard Self.tail(bytes, name.end) == slot.tail else { return false }
        for k in 0..<max(0, name.count - 16) where bytes[name.start + 8 + k] != middles[slot.middle + k] {
            return false
        }
        return true
    }

    @inline(__always)
    private static func hash(_ length: Int, _ head: UInt64) -> Int {
        Int(truncatingIfNeeded: ((head &+ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// The first `min(length, 8)` bytes from `start`, zero-padded. The caller has checked that
    /// `start..<start + length` lies in `bytes`.
    @inline(__always)
    private static func head(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> UInt64 {
        if start + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            return length >= 8 ? word : word & ((1 << (UInt64(length) * 8)) &- 1)
        }
        var word: UInt64 = 0
        for k in 0..<min(length, 8) { word |= UInt64(bytes[start + k]) << (UInt64(k) * 8) }
        return word
    }

    /// The eight bytes that end at `end` (a name longer than eight ends there).
    @inline(__always)
    private static func tail(_ bytes: UnsafeRawBufferPointer, _ end: Int) -> UInt64 {
        guard end >= 8 else { return 0 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self))
    }
}
