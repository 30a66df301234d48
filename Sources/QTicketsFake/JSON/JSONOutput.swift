import NIOCore

/// A minimal JSON writer that builds the document as one `String`, copied once into a
/// `ByteBuffer` at the end.
///
/// `JSONEncoder` would need Codable mirrors of every payload and cannot produce the PHP
/// quirks the fake must reproduce (`[]` for empty objects, ints vs floats for prices,
/// `"0"` flags). Appending whole tokens to a `String` goes through the (optimised)
/// standard library even in debug builds, where byte-by-byte `ByteBuffer` writes cost
/// about a microsecond each and made an orders page take ~60 ms. Commas are tracked here:
/// every name and value goes through `separated`, which inserts them as needed.
struct JSONOutput {
    private(set) var text: String
    private var needsComma = false

    init(capacity: Int) {
        text = ""
        text.reserveCapacity(capacity)
    }

    /// The document as bytes.
    func buffer(allocator: ByteBufferAllocator) -> ByteBuffer {
        allocator.buffer(string: text)
    }

    mutating func beginObject() { separated(opens: true) { $0 += "{" } }
    mutating func endObject() { closed("}") }
    mutating func beginArray() { separated(opens: true) { $0 += "[" } }
    mutating func endArray() { closed("]") }

    /// Writes `"name":` for a literal key that needs no escaping; the value follows.
    mutating func key(_ name: String) {
        separated(opens: true) { $0 += "\""; $0 += name; $0 += "\":" }
    }

    /// A key from data (seat ids in the seats map), escaped.
    mutating func dynamicKey(_ name: String) {
        separated(opens: true) { Self.appendEscaped(name, to: &$0); $0 += ":" }
    }

    mutating func int(_ value: Int) { raw(String(value)) }

    mutating func string(_ value: String) { separated { Self.appendEscaped(value, to: &$0) } }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    mutating func null() { raw("null") }

    /// Raw JSON text (a literal like `[]` or `{"a":1}`), written as one value.
    mutating func raw(_ literal: String) { separated { $0 += literal } }

    /// A timestamp as `"2021-05-18T12:23:40+03:00"`, or `null`.
    mutating func timestamp(_ epoch: Int?) {
        guard let epoch else { return null() }
        separated { $0 += "\""; FakeTimestamp.append(epoch, to: &$0); $0 += "\"" }
    }

    /// Money as PHP renders a float: `1500` when whole, `1234.5` / `999.9` / `2200.75` otherwise.
    mutating func money(kopecks: Int) {
        separated { text in
            if kopecks < 0 { text += "-" }
            let a = abs(kopecks)
            text += String(a / 100)
            let frac = a % 100
            if frac != 0 {
                text += "."
                text += frac % 10 == 0 ? String(frac / 10) : FakeTimestamp.twoDigits[frac]
            }
        }
    }

    /// The comma a previous value needs, then `write`'s text. `opens`: the text opens something
    /// (a bracket, a key's value), so what follows it needs no comma.
    @inline(__always)
    private mutating func separated(opens: Bool = false, _ write: (inout String) -> Void) {
        if needsComma { text += "," }
        write(&text)
        needsComma = !opens
    }

    private mutating func closed(_ bracket: String) {
        text += bracket
        needsComma = true
    }

    private static func appendEscaped(_ value: String, to text: inout String) {
        var clean = true
        for byte in value.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            clean = false
            break
        }
        text += "\""
        if clean {
            text += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
