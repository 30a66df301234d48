import Foundation

/// Strict parsing of decimal text into `Decimal`, never through `Double`.
///
/// `Decimal(string:)` accepts a numeric *prefix* ("12abc" → 12), which would turn garbage into
/// money; this validates the whole string against the JSON number grammar first.
enum ExactDecimal {
    static func parse(_ text: String) -> Decimal? {
        guard isNumber(text) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `-?digits(.digits)?([eE][+-]?digits)?`
    static func isNumber(_ text: String) -> Bool {
        var it = text.utf8.makeIterator()
        var c = it.next()
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
        var intDigits = 0
        while let d = c, d >= 0x30, d <= 0x39 {
            intDigits += 1
            c = it.next()
        }
        guard intDigits > 0 else { return false }
        if c == UInt8(ascii: ".") {
            c = it.next()
            var fracDigits = 0
            while let d = c, d >= 0x30, d <= 0x39 {
                fracDigits += 1
                c = it.next()
            }
            guard fracDigits > 0 else { return false }
        }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = it.next()
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
            var expDigits = 0
            while let d = c, d >= 0x30, d <= 0x39 {
                expDigits += 1
                c = it.next()
            }
            guard expDigits > 0 else { return false }
        }
        return c == nil
    }
}
