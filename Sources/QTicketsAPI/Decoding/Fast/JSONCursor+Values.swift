import Foundation

/// Readers of the lenient field kinds (`KeyedDecodingContainer+Lenient.swift`), for the shapes
/// that are both common and unambiguous. Each returns exactly what the lenient `Decodable` reader
/// returns for that shape, and declines every other shape (numeric strings with signs or spaces,
/// exponents, escapes, …), which the reference then decodes, or rejects with its own error.
extension JSONCursor {
    /// `lenientIntIfPresent`: `null` → nil; a plain integer of at most 18 digits, or a string of
    /// 1–18 ASCII digits (`Int("…")` of it), → the value. 19 digits and more decline: they may
    /// overflow `Int`, and the reference reports that as the row's failure.
    mutating func intIfPresent() throws(FastPathDeclined) -> Int? {
        switch try peekToken() {
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        case UInt8(ascii: "\""):
            let span = try string()
            guard span.isSimple else { throw FastPathDeclined() }
            return try digits(span.start..<span.end, negative: false)
        default:
            let token = try numberToken()
            guard let first = byte(at: token.lowerBound) else { throw FastPathDeclined() }
            if first == UInt8(ascii: "-") {
                return -(try canonicalDigits(token.lowerBound + 1..<token.upperBound))
            }
            return try canonicalDigits(token)
        }
    }

    /// `lenientInt`: as `intIfPresent`, but `null` declines (the reference names the missing key).
    mutating func int() throws(FastPathDeclined) -> Int {
        guard let value = try intIfPresent() else { throw FastPathDeclined() }
        return value
    }

    /// `lenientFlag`: `true`/`false`; `null` → `defaultValue`; a plain integer → `!= 0`; the strings
    /// `"1" "true" "yes" "on"` / `"0" "false" "no" "off" ""` exactly (the reference also accepts
    /// them trimmed or in other cases: those decline).
    mutating func flag(default defaultValue: Bool) throws(FastPathDeclined) -> Bool {
        switch try peekToken() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        case UInt8(ascii: "n"):
            try literal("null")
            return defaultValue
        case UInt8(ascii: "\""):
            let span = try string()
            guard span.isSimple, span.isASCII, let value = FlagWords.value(bytes, span) else { throw FastPathDeclined() }
            return value
        default:
            return try intIfPresent() != 0
        }
    }

    /// `moneyIfPresent` for a number: `null` → nil; `-?(0|[1-9]d*)(.d+)?` with at most 19 digits →
    /// the exact `Decimal` Foundation builds. Exponents, longer numbers and strings decline.
    mutating func moneyIfPresent() throws(FastPathDeclined) -> Decimal? {
        if try consumeNull() { return nil }
        let token = try numberToken()
        guard let parts = DecimalDigits.parse(bytes, token) else { throw FastPathDeclined() }
        return FastDecimal.make(parts)
    }

    mutating func money() throws(FastPathDeclined) -> Decimal {
        guard let value = try moneyIfPresent() else { throw FastPathDeclined() }
        return value
    }

    /// `timestampIfPresent`: `null`, `""` and `0000-00-00…` → nil; a plain string → the shared
    /// `QTicketsTimestamp` parser on its bytes. A string that does not parse declines: the
    /// reference then fails the row with its message.
    mutating func timestampIfPresent() throws(FastPathDeclined) -> Date? {
        guard let span = try plainStringIfPresent(), span.count > 0, !hasZeroDatePrefix(span) else { return nil }
        guard let date = QTicketsTimestamp.parse(bytes: contents(of: span).assumingMemoryBound(to: UInt8.self)) else {
            throw FastPathDeclined()
        }
        return date
    }

    /// `lenientStringIfPresent` for `null` and plain strings (valid UTF-8, no escapes).
    mutating func stringIfPresent() throws(FastPathDeclined) -> String? {
        guard let span = try plainStringIfPresent() else { return nil }
        let raw = contents(of: span)
        if span.isASCII { return String(decoding: raw, as: UTF8.self) }
        guard let text = String(validating: raw, as: UTF8.self) else { throw FastPathDeclined() }
        return text
    }

    /// The bytes of a string `string()` scanned (so inside `bytes`), without its quotes.
    func contents(of span: JSONStringSpan) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.end])
    }

    /// `null` → nil; a string without escapes → its span; anything else declines.
    private mutating func plainStringIfPresent() throws(FastPathDeclined) -> JSONStringSpan? {
        if try consumeNull() { return nil }
        guard try peekToken() == UInt8(ascii: "\"") else { throw FastPathDeclined() }
        let span = try string()
        guard span.isSimple else { throw FastPathDeclined() }
        return span
    }

    private func hasZeroDatePrefix(_ span: JSONStringSpan) -> Bool {
        let prefix: StaticString = "0000-00-00"
        guard span.count >= prefix.utf8CodeUnitCount else { return false }
        for k in 0..<prefix.utf8CodeUnitCount where bytes[span.start + k] != prefix.utf8Start[k] {
            return false
        }
        return true
    }

    /// A canonical JSON integer: `0`, or 1–18 digits not starting with `0`.
    private func canonicalDigits(_ range: Range<Int>) throws(FastPathDeclined) -> Int {
        guard let first = byte(at: range.lowerBound), range.count == 1 || first != UInt8(ascii: "0") else {
            throw FastPathDeclined()
        }
        return try digits(range, negative: false)
    }

    /// 1–18 ASCII digits (leading zeros allowed: `Int("007")` is 7).
    private func digits(_ range: Range<Int>, negative: Bool) throws(FastPathDeclined) -> Int {
        guard range.count >= 1, range.count <= 18, range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw FastPathDeclined()
        }
        var value = 0
        for k in range {
            let d = bytes[k] &- 0x30
            guard d < 10 else { throw FastPathDeclined() }
            value = value &* 10 &+ Int(d)
        }
        return value
    }
}
