import Foundation

/// Exact conversion of a Foundation `Decimal` to the scaled integer ClickHouse stores for
/// `Decimal(P, S)`: value × 10^S, which must be an integer with at most P digits.
///
/// It takes the value apart into an integer significand and a power of ten, and scales with
/// integer arithmetic. Going through `Double` would turn 0.1 into 0.1000000000000000055… and
/// lose kopecks on large sums. (`Decimal`'s mantissa fields are not public on Linux.)
public enum DecimalScaling {
    /// Powers of ten that fit in `UInt128` (10^0 … 10^38).
    static let powersOfTen: [UInt128] = {
        var out: [UInt128] = [1]
        for _ in 1...38 { out.append(out[out.count - 1] * 10) }
        return out
    }()

    /// The scaled integer for `value` in `Decimal(precision, scale)`.
    /// Throws when the value is NaN, needs more than `scale` fractional digits, or has more
    /// than `precision` digits in total: the writer never rounds silently.
    public static func scaledValue(_ value: Decimal, precision: Int, scale: Int) throws(DecimalEncodingError) -> Int128 {
        func failure(_ reason: DecimalEncodingError.Reason) -> DecimalEncodingError {
            DecimalEncodingError(value: value, precision: precision, scale: scale, reason: reason)
        }
        guard (1...38).contains(precision), (0...precision).contains(scale) else { throw failure(.invalidType) }
        guard !value.isNaN else { throw failure(.notANumber) }
        guard var (magnitude, exponent) = decompose(value) else { throw failure(.tooManyDigits) }
        if magnitude != 0 {
            let shift = exponent + scale
            if shift >= 0 {
                guard shift <= 38 else { throw failure(.tooManyDigits) }
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: powersOfTen[shift])
                guard !overflow else { throw failure(.tooManyDigits) }
                magnitude = product
            } else {
                // Zeros below the scale are not rounding (1.500 at scale 2); anything else would be.
                guard -shift <= 38 else { throw failure(.tooManyFractionDigits) }
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: powersOfTen[-shift])
                guard remainder == 0 else { throw failure(.tooManyFractionDigits) }
                magnitude = quotient
            }
            exponent = 0
        }
        guard magnitude < powersOfTen[precision] else { throw failure(.tooManyDigits) }
        // < 10^38 < 2^127: always fits in Int128.
        let signed = Int128(magnitude)
        return value.sign == .minus ? -signed : signed
    }

    /// `|value|` as integer × 10^exponent, exactly; `nil` if the integer needs more than 128 bits.
    static func decompose(_ value: Decimal) -> (magnitude: UInt128, exponent: Int)? {
        if storageLayoutVerified {
            let parts = storageParts(value)
            return (parts.magnitude, parts.exponent)
        }
        return portableDecompose(value)
    }

    /// Reads `Decimal`'s storage in place: no allocation, a few nanoseconds. Foundation keeps
    /// `_mantissa` and friends internal on Linux; the layout read here is swift-foundation's
    /// (byte 0: exponent as Int8; byte 1: length in the high 4 bits, sign in bit 3; eight
    /// little-endian UInt16 mantissa words from offset 4). Used only after
    /// ``storageLayoutVerified`` has confirmed it against the public API.
    static func storageParts(_ value: Decimal) -> (magnitude: UInt128, exponent: Int, negative: Bool) {
        withUnsafeBytes(of: value) { raw in
            let exponent = Int(raw.load(fromByteOffset: 0, as: Int8.self))
            let flags = raw.load(fromByteOffset: 1, as: UInt8.self)
            let length = min(Int(flags >> 4), 8)
            var magnitude: UInt128 = 0
            for i in 0..<length {
                magnitude |= UInt128(raw.loadUnaligned(fromByteOffset: 4 + 2 * i, as: UInt16.self)) << (16 * i)
            }
            return (magnitude, exponent, flags & 0x08 != 0)
        }
    }

    /// Checks once, against the portable path, that ``storageParts(_:)`` reads this Foundation's
    /// `Decimal` correctly; if not, every value takes the portable path.
    static let storageLayoutVerified: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples = [
            "0", "1", "-1", "0.01", "-1234.56", "1234.50", "100", "18446744073709551615", "18446744073709551616",
            "-12345678901234567890.1234567891", "99999999999999999999999999999999999999", "0.000000000000000000001",
        ]
        func normalized(_ p: (magnitude: UInt128, exponent: Int)) -> (UInt128, Int) {
            var (m, e) = p
            while m != 0, m % 10 == 0 { m /= 10; e += 1 }
            return m == 0 ? (0, 0) : (m, e)
        }
        for text in samples {
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                let portable = portableDecompose(value)
            else { return false }
            let raw = storageParts(value)
            guard normalized((raw.magnitude, raw.exponent)) == normalized(portable),
                raw.negative == (value.sign == .minus)
            else { return false }
        }
        return true
    }()

    /// Public-API decomposition (allocates: NSDecimalNumber, and text for wide values).
    static func portableDecompose(_ value: Decimal) -> (magnitude: UInt128, exponent: Int)? {
        // The significand is an integer-valued Decimal; read it as UInt64 and keep the result
        // only if it converts back to the very same value.
        let significand = value.significand
        let small = NSDecimalNumber(decimal: significand).uint64Value
        if Decimal(small) == significand {
            return (UInt128(small), value.exponent)
        }
        // Wider significands (above 2^64): read the exact decimal digits of the text form,
        // which Foundation prints without exponent notation (~1 µs).
        var magnitude: UInt128 = 0
        var fractionDigits = 0
        var inFraction = false
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction { fractionDigits += 1 }
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt128(byte &- UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                magnitude = sum
            case UInt8(ascii: "-"):
                continue
            default:
                return nil
            }
        }
        return (magnitude, -fractionDigits)
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
