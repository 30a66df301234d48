import Foundation

/// One row's RowBinary fields stored straight into room reserved once in a writer's buffer
/// (``RowBinaryWriter/writeStaged(maxBytes:_:)``), in the same encoding as the writer's field
/// writers.
///
/// Why: each of the writer's field writes is a `ByteBuffer` write, and each of those checks the
/// buffer's capacity and uniqueness and, for its storage class, Swift's dynamic exclusivity:
/// measured (release, a 13-column ticket row) 210 ns a row through the field writers, most of
/// it those checks, against a few nanoseconds of bytes. A table written once per ticket of a
/// backfill stages its row instead: one reservation, then plain stores.
///
/// Memory safety: every store checks that it stays within the reserved room and traps
/// otherwise, so a `maxBytes` that is too small is a crash, never a write outside the buffer.
/// Fields are not checked against the table's types here: a row that stages its fields must be
/// held to its column list's bytes by a test, and write its validated rows the checked way.
public struct RowBinaryStage {
    @usableFromInline let room: UnsafeMutableRawBufferPointer
    /// Bytes stored so far.
    public var count: Int { _count }
    @usableFromInline var _count = 0

    @usableFromInline init(room: UnsafeMutableRawBufferPointer) {
        self.room = room
    }

    /// The most bytes ``string(_:)`` stores for `s`: its LEB128 length (at most 10 bytes) and its UTF-8.
    @inlinable public static func maxBytes(of s: String) -> Int { 10 + s.utf8.count }

    @inlinable public mutating func uInt8(_ v: UInt8) { store(v) }
    @inlinable public mutating func uInt32(_ v: UInt32) { store(v.littleEndian) }
    @inlinable public mutating func uInt64(_ v: UInt64) { store(v.littleEndian) }
    /// `Date`: days since 1970-01-01.
    @inlinable public mutating func date(daysSinceEpoch days: UInt16) { store(days.littleEndian) }
    /// `DateTime`: seconds since the epoch.
    @inlinable public mutating func dateTime(epochSeconds: UInt32) { store(epochSeconds.littleEndian) }

    /// `String`: LEB128 byte length, then the UTF-8 bytes.
    @inlinable
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            RowBinaryWriter.forEachVarUIntByte(of: UInt64(utf8.count)) { store($0) }
            precondition(utf8.count <= room.count - _count, "RowBinaryStage: a field past the reserved room")
            UnsafeMutableRawBufferPointer(rebasing: room[_count..<(_count + utf8.count)]).copyMemory(from: UnsafeRawBufferPointer(utf8))
            _count += utf8.count
        }
    }

    /// `Decimal(precision, scale)` with precision 10 to 18 (an `Int64` of value × 10^scale), exact
    /// as ``RowBinaryWriter/writeDecimal(_:precision:scale:)``: throws instead of rounding.
    public mutating func decimal64(_ value: Decimal, precision: Int, scale: Int) throws(DecimalEncodingError) {
        precondition((10...18).contains(precision), "decimal64 is Decimal(10...18, S)")
        let scaled = try DecimalScaling.scaledValue(value, precision: precision, scale: scale)
        store(Int64(truncatingIfNeeded: scaled).littleEndian)
    }

    @inlinable
    mutating func store<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        precondition(size <= room.count - _count, "RowBinaryStage: a field past the reserved room")
        room.storeBytes(of: value, toByteOffset: _count, as: T.self)
        _count += size
    }
}
