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

    /// `[+-]?digits(.digits)?([eE][+-]?digits)?`
    static func isNumber(_ text: String) -> Bool {
        var rest = text.utf8[...]
        /// Drops a leading sign, if any.
        func skipSign() {
            if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { rest = rest.dropFirst() }
        }
        /// Drops the leading digits; whether there was at least one.
        func skipDigits() -> Bool {
            let count = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            rest = rest.dropFirst(count)
            return count > 0
        }
        skipSign()
        guard skipDigits() else { return false }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            guard skipDigits() else { return false }
        }
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            skipSign()
            guard skipDigits() else { return false }
        }
        return rest.isEmpty
    }
}
