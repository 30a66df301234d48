import Foundation
import NIOCore

/// Encodes rows in ClickHouse's RowBinary format into a reusable `ByteBuffer`.
///
/// Every field is a fixed-width little-endian write or a LEB128 length plus bytes, straight
/// into the buffer: no allocation per field, and the buffer keeps its capacity across batches
/// (``clear()``). The field writers do not throw; when a row is written with validation on
/// (``write(_:validate:)``), each field is checked against the table's column types and the
/// first mismatch is thrown at the end of the row.
public struct RowBinaryWriter {
    /// The encoded bytes (readable part).
    public var buffer: ByteBuffer { _buffer }

    // The field writers are `@inlinable` so a row's `encode(to:)` compiles to straight buffer
    // writes in the caller's module; they only touch these two stored properties.
    @usableFromInline var _buffer: ByteBuffer
    @usableFromInline var _isValidating = false
    var validator: RowValidator? {
        didSet { _isValidating = validator != nil }
    }

    public init(buffer: ByteBuffer = ByteBuffer()) {
        self._buffer = buffer
    }

    public init(capacity: Int) {
        self._buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Bytes encoded so far.
    @inlinable public var byteCount: Int { _buffer.readableBytes }

    /// Forgets the bytes but keeps the storage, so the next batch reuses it.
    public mutating func clear() {
        _buffer.clear()
        validator = nil
    }

    /// Hands the encoded bytes over and continues with `replacement` (typically a cleared buffer
    /// whose previous batch has been sent).
    public mutating func takeBuffer(replacingWith replacement: consuming ByteBuffer) -> ByteBuffer {
        // Consumed, so that a recycled buffer is uniquely referenced here and `clear()` keeps
        // its memory instead of allocating another.
        replacement.clear()
        let out = _buffer
        _buffer = replacement
        validator = nil
        return out
    }

    // MARK: Rows

    /// Writes one row. With `validate`, every field is checked against `Row.table`; on any
    /// error the row's partial bytes are removed, so the buffer only ever holds whole rows.
    public mutating func write<Row: RowBinaryRow>(_ row: Row, validate: Bool) throws {
        let mark = _buffer.writerIndex
        if validate { validator = RowValidator(table: Row.table) }
        do {
            try row.encode(to: &self)
            if validate { try endRow() }
        } catch {
            _buffer.moveWriterIndex(to: mark)
            validator = nil
            throw error
        }
    }

    /// Ends a validated row: throws ``RowSchemaError`` if a field had the wrong type or a column
    /// was missing or extra. No-op when validation is off.
    private mutating func endRow() throws(RowSchemaError) {
        guard var v = validator else { return }
        validator = nil
        if let mismatch = v.finish() { throw mismatch }
    }

    /// Whether the row being written is checked against the table's types (``write(_:validate:)``):
    /// a row that stages its fields (``writeStaged(maxBytes:_:)``) writes such a row field by field.
    @inlinable public var isValidating: Bool { _isValidating }

    /// Reserves `maxBytes` once and lets `body` store one row's fields (``RowBinaryStage``); the
    /// bytes it stored are written. A store past `maxBytes` traps: `maxBytes` must bound the row.
    @inlinable
    public mutating func writeStaged(maxBytes: Int, _ body: (inout RowBinaryStage) throws -> Void) rethrows {
        try _buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: maxBytes) { room in
            var stage = RowBinaryStage(room: room)
            try body(&stage)
            return stage.count
        }
    }

    // MARK: Integers and floats

    // Every fixed-width field goes through ``writeFixedWidth(_:as:)``; these name the column type.
    @inlinable public mutating func writeUInt8(_ v: UInt8) { writeFixedWidth(v, as: .uInt8) }
    @inlinable public mutating func writeUInt16(_ v: UInt16) { writeFixedWidth(v, as: .uInt16) }
    @inlinable public mutating func writeUInt32(_ v: UInt32) { writeFixedWidth(v, as: .uInt32) }
    @inlinable public mutating func writeUInt64(_ v: UInt64) { writeFixedWidth(v, as: .uInt64) }
    @inlinable public mutating func writeInt8(_ v: Int8) { writeFixedWidth(v, as: .int8) }
    @inlinable public mutating func writeInt16(_ v: Int16) { writeFixedWidth(v, as: .int16) }
    @inlinable public mutating func writeInt32(_ v: Int32) { writeFixedWidth(v, as: .int32) }
    @inlinable public mutating func writeInt64(_ v: Int64) { writeFixedWidth(v, as: .int64) }
    /// IEEE 754 bits, little-endian.
    @inlinable public mutating func writeFloat32(_ v: Float) { writeFixedWidth(v.bitPattern, as: .float32) }
    @inlinable public mutating func writeFloat64(_ v: Double) { writeFixedWidth(v.bitPattern, as: .float64) }

    // MARK: Strings

    /// `String` or `LowCardinality(String)`: LEB128 byte length, then the UTF-8 bytes.
    @inlinable
    public mutating func writeString(_ s: String) {
        if _isValidating { _consume(.value(.string)) }
        writeVarUInt(UInt64(s.utf8.count))
        _buffer.writeString(s)
    }

    /// `FixedString(length)`: the UTF-8 bytes padded with zeros. Throws when the string is
    /// longer than `length` bytes: cutting it would store something else.
    public mutating func writeFixedString(_ s: String, length: Int) throws(FixedStringTooLongError) {
        let count = s.utf8.count
        guard count <= length else { throw FixedStringTooLongError(byteCount: count, length: length) }
        if _isValidating { _consume(.value(.fixedString(length))) }
        _buffer.writeString(s)
        if count < length { _buffer.writeRepeatingByte(0, count: length - count) }
    }

    // MARK: Dates

    /// `Date`: days since 1970-01-01 as UInt16.
    @inlinable
    public mutating func writeDate(daysSinceEpoch days: UInt16) {
        writeFixedWidth(days, as: .date)
    }

    /// `Date`: the UTC calendar day of `date`, clamped to the type's range (1970-01-01 … 2149-06-06).
    @inlinable
    public mutating func writeDate(_ date: Date) {
        let days = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        writeDate(daysSinceEpoch: UInt16(max(0, min(days, Double(UInt16.max)))))
    }

    /// `DateTime`: seconds since the epoch as UInt32 (the column's time zone only affects display).
    @inlinable
    public mutating func writeDateTime(epochSeconds: UInt32) {
        writeFixedWidth(epochSeconds, as: .dateTime(timeZone: nil))
    }

    /// `DateTime` from a `Date`, whole seconds rounded down, clamped to 1970 … 2106.
    @inlinable
    public mutating func writeDateTime(_ date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        writeDateTime(epochSeconds: UInt32(max(0, min(seconds, Double(UInt32.max)))))
    }

    // MARK: Decimal

    /// `Decimal(precision, scale)`: value × 10^scale as a little-endian Int32 (P ≤ 9), Int64
    /// (P ≤ 18) or Int128 (P ≤ 38, low half first). Exact: throws ``DecimalEncodingError``
    /// instead of rounding or overflowing.
    public mutating func writeDecimal(_ value: Decimal, precision: Int, scale: Int) throws(DecimalEncodingError) {
        let scaled = try DecimalScaling.scaledValue(value, precision: precision, scale: scale)
        writeScaledDecimal(scaled, precision: precision, scale: scale)
    }

    /// `Decimal(precision, scale)` from a ready scaled integer (e.g. kopecks for scale 2): the
    /// fast path for callers that already count in minor units. Throws if it has more than
    /// `precision` digits.
    public mutating func writeDecimal(scaledValue: Int128, precision: Int, scale: Int) throws(DecimalEncodingError) {
        try DecimalScaling.checkScaled(scaledValue, precision: precision, scale: scale)
        writeScaledDecimal(scaledValue, precision: precision, scale: scale)
    }

    private mutating func writeScaledDecimal(_ scaled: Int128, precision: Int, scale: Int) {
        let field = ClickHouseType.decimal(precision: precision, scale: scale)
        switch precision {
        case ...9: writeFixedWidth(Int32(truncatingIfNeeded: scaled), as: field)
        case ...18: writeFixedWidth(Int64(truncatingIfNeeded: scaled), as: field)
        default: writeFixedWidth(scaled, as: field)
        }
    }

    // MARK: UUID

    /// `UUID`: two little-endian UInt64, the high half (first 8 bytes of the textual form) first.
    public mutating func writeUUID(_ uuid: UUID) {
        let (high, low) = withUnsafeBytes(of: uuid.uuid) { bytes in
            (UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)),
             UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        // Little-endian `high` then little-endian `low`: one little-endian UInt128, `high` below.
        writeFixedWidth(UInt128(low) << 64 | UInt128(high), as: .uuid)
    }

    // MARK: Nullable

    /// `Nullable(T)` holding NULL: the single byte 1.
    @inlinable
    public mutating func writeNull() {
        if _isValidating { _consume(.null) }
        _buffer.writeInteger(UInt8(1))
    }

    /// `Nullable(T)` holding a value: the byte 0; the value itself must follow.
    @inlinable
    public mutating func writeNonNullMarker() {
        if _isValidating { _consume(.nonNull) }
        _buffer.writeInteger(UInt8(0))
    }

    /// `Nullable(T)`: NULL for `nil`, otherwise the marker and `write(&self, value)`.
    @inlinable
    public mutating func writeNullable<T>(
        _ value: T?, _ write: (inout RowBinaryWriter, T) throws -> Void
    ) rethrows {
        if let value {
            writeNonNullMarker()
            try write(&self, value)
        } else {
            writeNull()
        }
    }

    // MARK: Array

    /// `Array(T)` header: the element count as LEB128; exactly `count` elements must follow.
    @inlinable
    public mutating func writeArrayCount(_ count: Int) {
        if _isValidating { _consume(.array(count: count)) }
        writeVarUInt(UInt64(count))
    }

    /// `Array(T)`: the count, then each element through `write`.
    @inlinable
    public mutating func writeArray<C: Collection>(
        _ elements: C, _ write: (inout RowBinaryWriter, C.Element) throws -> Void
    ) rethrows {
        writeArrayCount(elements.count)
        for element in elements { try write(&self, element) }
    }

    // MARK: Primitives

    /// A fixed-width little-endian value of a column of `type` (recorded for validation).
    @inlinable
    mutating func writeFixedWidth<T: FixedWidthInteger>(_ value: T, as type: ClickHouseType) {
        if _isValidating { _consume(.value(type)) }
        _buffer.writeInteger(value, endianness: .little)
    }

    /// Records a field for the row being validated (outlined: only the first row of a batch).
    @usableFromInline
    mutating func _consume(_ field: RowValidator.Field) {
        validator?.consume(field)
    }

    /// Unsigned LEB128, the length prefix of strings and arrays.
    @inlinable
    mutating func writeVarUInt(_ value: UInt64) {
        Self.forEachVarUIntByte(of: value) { _buffer.writeInteger($0) }
    }

    /// The bytes of `value` in unsigned LEB128, low seven bits first (the writer's and
    /// ``RowBinaryStage``'s length prefixes).
    @inlinable
    static func forEachVarUIntByte(of value: UInt64, _ body: (UInt8) -> Void) {
        var v = value
        while v >= 0x80 {
            body(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        body(UInt8(truncatingIfNeeded: v))
    }
}

/// A string longer than its `FixedString(N)` column.
public struct FixedStringTooLongError: Error, Sendable, CustomStringConvertible, Equatable {
    public let byteCount: Int
    public let length: Int
    public var description: String { "a \(byteCount)-byte string does not fit FixedString(\(length))" }
}
