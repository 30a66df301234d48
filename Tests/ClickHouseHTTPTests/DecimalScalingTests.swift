@testable import ClickHouseHTTP
import Foundation
import NIOCore
import Testing

@Suite struct DecimalScalingTests {
    func scaled(_ text: String, _ p: Int, _ s: Int) throws -> Int128 {
        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        return try DecimalScaling.scaledValue(value, precision: p, scale: s)
    }

    @Test func kopecksAreExact() throws {
        #expect(try scaled("1234.56", 18, 2) == 123_456)
        #expect(try scaled("-0.01", 18, 2) == -1)
        #expect(try scaled("0.1", 18, 2) == 10)
        #expect(try scaled("0", 18, 2) == 0)
        #expect(try scaled("-0", 18, 2) == 0)
        #expect(try scaled("100", 9, 2) == 10_000)
        // Trailing zeros beyond the scale are not rounding.
        #expect(try scaled("1.500", 18, 2) == 150)
        // 0.1 + 0.2 in Decimal is exactly 0.3 (in Double it is not).
        #expect(try DecimalScaling.scaledValue(Decimal(string: "0.1")! + Decimal(string: "0.2")!, precision: 18, scale: 2) == 30)
    }

    @Test func limitsOfEachWidth() throws {
        #expect(try scaled("9999999.99", 9, 2) == 999_999_999)
        #expect(throws: DecimalEncodingError.self) { try scaled("10000000.00", 9, 2) }
        #expect(try scaled("9999999999999999.99", 18, 2) == 999_999_999_999_999_999)
        #expect(throws: DecimalEncodingError.self) { try scaled("10000000000000000", 18, 2) }
        let max38 = Int128(10).power(38) - 1
        #expect(try scaled("9999999999999999999999999999.9999999999", 38, 10) == max38)
        #expect(try scaled("-9999999999999999999999999999.9999999999", 38, 10) == -max38)
        #expect(throws: DecimalEncodingError.self) { try scaled("10000000000000000000000000000", 38, 10) }
    }

    @Test func neverRoundsSilently() throws {
        let error = try #require(throws: DecimalEncodingError.self) { try scaled("0.005", 18, 2) }
        #expect(error.reason == .tooManyFractionDigits)
        #expect(throws: DecimalEncodingError.self) { try DecimalScaling.scaledValue(.nan, precision: 18, scale: 2) }
        #expect(throws: DecimalEncodingError.self) { try scaled("1", 39, 2) }
        #expect(throws: DecimalEncodingError.self) { try scaled("1", 5, 6) }
    }

    @Test func bytesByPrecision() throws {
        var w = RowBinaryWriter()
        try w.writeDecimal(Decimal(string: "-1234.56")!, precision: 9, scale: 2)
        #expect(Array(w.buffer.readableBytesView) == [0xC0, 0x1D, 0xFE, 0xFF])
        w.clear()
        try w.writeDecimal(Decimal(string: "1.23")!, precision: 18, scale: 2)
        #expect(Array(w.buffer.readableBytesView) == [123, 0, 0, 0, 0, 0, 0, 0])
        w.clear()
        try w.writeDecimal(Decimal(string: "-1")!, precision: 38, scale: 0)
        #expect(Array(w.buffer.readableBytesView) == Array(repeating: 0xFF, count: 16))
    }
}

extension Int128 {
    func power(_ n: Int) -> Int128 { (0..<n).reduce(1) { acc, _ in acc * self } }
}
