import NIOCore

/// A minimal JSON writer straight into a `ByteBuffer`.
///
/// `JSONEncoder` would need Codable mirrors of every payload and cannot produce the PHP
/// quirks the fake must reproduce (`[]` for empty objects, ints vs floats for prices,
/// `"0"` flags). Writing bytes by hand is also what keeps a 100k-order organiser from
/// making the fake the bottleneck of a benchmark. The caller is responsible for commas:
/// `key` and `element` handle them, tracking "first item" per nesting level.
struct JSONOutput {
    var buffer: ByteBuffer
    private var needsComma = false

    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    mutating func beginObject() {
        separator()
        buffer.writeInteger(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        buffer.writeInteger(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separator()
        buffer.writeInteger(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        buffer.writeInteger(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"name":` (with a leading comma when needed); the value follows.
    mutating func key(_ name: StaticString) {
        separator()
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
        needsComma = false
    }

    /// A dynamic key (seat ids in the seats map).
    mutating func key(_ name: String) {
        separator()
        writeEscaped(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func int(_ value: Int) {
        separator()
        buffer.writeString(String(value))
        needsComma = true
    }

    mutating func optionalInt(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    mutating func string(_ value: String) {
        separator()
        writeEscaped(value)
        needsComma = true
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func bool(_ value: Bool) {
        separator()
        buffer.writeStaticString(value ? "true" : "false")
        needsComma = true
    }

    mutating func null() {
        separator()
        buffer.writeStaticString("null")
        needsComma = true
    }

    /// Raw JSON text (a literal like `[]` or `"abc"`), written as one value.
    mutating func raw(_ literal: StaticString) {
        separator()
        buffer.writeStaticString(literal)
        needsComma = true
    }

    /// A timestamp as `"2021-05-18T12:23:40+03:00"`, or `null`.
    mutating func timestamp(_ epoch: Int?) {
        guard let epoch else { return null() }
        separator()
        buffer.writeInteger(UInt8(ascii: "\""))
        FakeTimestamp.write(epoch, to: &buffer)
        buffer.writeInteger(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Money as PHP renders a float: `1500` when whole, `1234.5` / `999.9` / `2200.75` otherwise.
    mutating func money(kopecks: Int) {
        separator()
        if kopecks < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        let a = abs(kopecks)
        buffer.writeString(String(a / 100))
        let frac = a % 100
        if frac != 0 {
            buffer.writeInteger(UInt8(ascii: "."))
            buffer.writeInteger(UInt8(48 + frac / 10))
            if frac % 10 != 0 { buffer.writeInteger(UInt8(48 + frac % 10)) }
        }
        needsComma = true
    }

    private mutating func separator() {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    private mutating func writeEscaped(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        let clean =
            value.utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
            } ?? false
        if clean {
            buffer.writeString(value)
        } else {
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case 0..<0x20:
                    buffer.writeStaticString("\\u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0xF)])
                default: buffer.writeInteger(byte)
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}
