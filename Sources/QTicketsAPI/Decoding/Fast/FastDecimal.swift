import Foundation

/// The digits of a canonical JSON decimal: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most 19 digits.
struct DecimalDigits: Equatable {
    var significand: UInt64
    /// Power of ten: minus the number of fraction digits.
    var exponent: Int
    var negative: Bool

    static let maxDigits = 19

    /// `nil` for anything else (exponents, leading zeros, `+`, 20 digits or more): those go to
    /// the reference decoder, which knows Foundation's rules for them.
    static func parse(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> DecimalDigits? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else { return nil }
        var i = range.lowerBound
        let end = range.upperBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < end else { return nil }
        let leadingZero = bytes[i] == UInt8(ascii: "0")
        var significand: UInt64 = 0
        var digits = 0
        var integerDigits = 0
        while i < end, case let d = bytes[i] &- 0x30, d < 10 {
            significand = significand &* 10 &+ UInt64(d)
            digits += 1
            integerDigits += 1
            i += 1
        }
        guard integerDigits > 0, !(leadingZero && integerDigits > 1) else { return nil }
        var fractionDigits = 0
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, case let d = bytes[i] &- 0x30, d < 10 {
                significand = significand &* 10 &+ UInt64(d)
                digits += 1
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        // 19 digits never overflow UInt64 (< 10^19 < 2^64), so the wrapping arithmetic above is exact.
        // Zero with fraction digits ("0.00") keeps its exponent in Foundation's `Decimal`; rare in
        // prices, so left to the reference rather than mirrored.
        guard i == end, digits <= maxDigits, significand != 0 || fractionDigits == 0 else { return nil }
        return DecimalDigits(significand: significand, exponent: -fractionDigits, negative: negative)
    }
}

/// Builds `Decimal`s from parsed digits, in the same normalised form Foundation's `JSONDecoder`
/// produces for the same text (trailing zeros folded into the exponent; an integer zero is `Decimal.zero`),
/// so values are equal down to their storage, not only by `==`.
enum FastDecimal {
    static func make(_ parts: DecimalDigits) -> Decimal {
        var significand = parts.significand
        var exponent = parts.exponent
        guard significand != 0 else { return Decimal.zero }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        return Decimal(sign: parts.negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }
}
