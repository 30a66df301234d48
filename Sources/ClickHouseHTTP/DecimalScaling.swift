import Foundation

/// Exact conversion of a Foundation `Decimal` to the scaled integer ClickHouse stores for
/// `Decimal(P, S)`: value × 10^S, which must be an integer with at most P digits.
///
/// It reads the decimal digits of the value (Foundation's `description` is exact and never
/// uses exponent notation; `Decimal`'s mantissa fields are not public on Linux) and scales them
/// with integer arithmetic. Going through `Double` would turn 0.1 into 0.1000000000000000055…
/// and lose kopecks on large sums. Typical prices fit a small (inline) string, so this does not
/// allocate.
enum DecimalScaling {
    /// Powers of ten that fit in `UInt128` (10^0 … 10^38).
    static let powersOfTen: [UInt128] = {
        var out: [UInt128] = [1]
        for _ in 1...38 { out.append(out[out.count - 1] * 10) }
        return out
    }()

    /// The scaled integer for `value` in `Decimal(precision, scale)`.
    /// Throws when the value is NaN, needs more than `scale` fractional digits, or has more
    /// than `precision` digits in total: the writer never rounds silently.
    static func scaledValue(_ value: Decimal, precision: Int, scale: Int) throws(DecimalEncodingError) -> Int128 {
        func failure(_ reason: DecimalEncodingError.Reason) -> DecimalEncodingError {
            DecimalEncodingError(value: value, precision: precision, scale: scale, reason: reason)
        }
        guard (1...38).contains(precision), (0...precision).contains(scale) else { throw failure(.invalidType) }
        guard !value.isNaN else { throw failure(.notANumber) }

        var negative = false
        var magnitude: UInt128 = 0
        var fractionDigits = 0
        var inFraction = false
        var overflow = false
        var trailingFractionZeros = 0
        var valid = true
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "-"):
                negative = true
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = UInt128(byte &- UInt8(ascii: "0"))
                if inFraction {
                    fractionDigits += 1
                    trailingFractionZeros = digit == 0 ? trailingFractionZeros + 1 : 0
                }
                if !overflow {
                    let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(digit)
                    overflow = o1 || o2
                    magnitude = sum
                }
            default:
                valid = false
            }
        }
        guard valid else { throw failure(.notANumber) }
        guard !overflow else { throw failure(.tooManyDigits) }
        if fractionDigits > scale {
            // Zeros below the scale are not rounding (1.500 at scale 2); anything else would be.
            let excess = fractionDigits - scale
            guard trailingFractionZeros >= excess || magnitude == 0 else { throw failure(.tooManyFractionDigits) }
            magnitude /= powersOfTen[excess]
        } else if fractionDigits < scale {
            let (product, o) = magnitude.multipliedReportingOverflow(by: powersOfTen[scale - fractionDigits])
            guard !o else { throw failure(.tooManyDigits) }
            magnitude = product
        }
        guard magnitude < powersOfTen[precision] else { throw failure(.tooManyDigits) }
        // < 10^38 < 2^127: always fits in Int128.
        let signed = Int128(magnitude)
        return negative ? -signed : signed
    }

    /// Checks a ready scaled integer against `Decimal(precision, scale)`.
    static func checkScaled(_ scaled: Int128, precision: Int, scale: Int) throws(DecimalEncodingError) {
        guard (1...38).contains(precision), (0...precision).contains(scale) else {
            throw DecimalEncodingError(value: 0, precision: precision, scale: scale, reason: .invalidType)
        }
        guard scaled.magnitude < powersOfTen[precision] else {
            throw DecimalEncodingError(
                value: Decimal(sign: scaled < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(string: "\(scaled.magnitude)") ?? 0),
                precision: precision, scale: scale, reason: .tooManyDigits)
        }
    }
}

/// A `Decimal` that cannot be stored exactly in a `Decimal(P, S)` column.
public struct DecimalEncodingError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Reason: Sendable, Equatable {
        case notANumber, tooManyDigits, tooManyFractionDigits, invalidType
    }

    public let value: Decimal
    public let precision: Int
    public let scale: Int
    public let reason: Reason

    public var description: String {
        let what: String
        switch reason {
        case .notANumber: what = "is not a number"
        case .tooManyDigits: what = "has more than \(precision - scale) integer digits"
        case .tooManyFractionDigits: what = "has more than \(scale) fractional digits (the writer does not round)"
        case .invalidType: what = "cannot be stored: precision must be 1...38 and scale 0...precision"
        }
        return "Decimal value \(value) \(what) for Decimal(\(precision), \(scale))"
    }
}
