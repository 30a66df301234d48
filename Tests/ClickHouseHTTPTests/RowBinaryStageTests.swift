import ClickHouseHTTP
import Foundation
import Testing

/// ``RowBinaryStage`` stores the same bytes as the writer's field writers, refuses an inexact
/// decimal as they do, and never stores past the room a row reserved.
@Suite struct RowBinaryStageTests {
    static let strings = ["", "a", "Москва", String(repeating: "ж", count: 70), String(repeating: "x", count: 20_000)]

    @Test func stagedFieldsAreTheFieldWritersBytes() throws {
        for text in Self.strings {
            for number: UInt64 in [0, 1, 0x80, UInt64(UInt32.max), .max] {
                let price = try #require(Decimal(string: "1234567890123456.78"))
                var staged = RowBinaryWriter()
                try staged.writeStaged(maxBytes: 64 + RowBinaryStage.maxBytes(of: text)) { row in
                    row.uInt8(UInt8(truncatingIfNeeded: number))
                    row.uInt32(UInt32(truncatingIfNeeded: number))
                    row.uInt64(number)
                    row.date(daysSinceEpoch: UInt16(truncatingIfNeeded: number))
                    row.dateTime(epochSeconds: UInt32(truncatingIfNeeded: number))
                    row.string(text)
                    try row.decimal64(price, precision: 18, scale: 2)
                }
                var fields = RowBinaryWriter()
                fields.writeUInt8(UInt8(truncatingIfNeeded: number))
                fields.writeUInt32(UInt32(truncatingIfNeeded: number))
                fields.writeUInt64(number)
                fields.writeDate(daysSinceEpoch: UInt16(truncatingIfNeeded: number))
                fields.writeDateTime(epochSeconds: UInt32(truncatingIfNeeded: number))
                fields.writeString(text)
                try fields.writeDecimal(price, precision: 18, scale: 2)
                #expect(Array(staged.buffer.readableBytesView) == Array(fields.buffer.readableBytesView), "\(number), \(text.prefix(8))")
            }
        }
    }

    @Test func anInexactDecimalIsRefusedAsTheWriterRefusesIt() throws {
        let value = try #require(Decimal(string: "10.005"))
        var writer = RowBinaryWriter()
        #expect(throws: DecimalEncodingError.self) {
            try writer.writeStaged(maxBytes: 8) { try $0.decimal64(value, precision: 18, scale: 2) }
        }
        #expect(throws: DecimalEncodingError.self) { try writer.writeDecimal(value, precision: 18, scale: 2) }
    }

    /// A row that reserved too little room traps at the store that would pass it, instead of
    /// writing past the buffer's bytes.
    @Test func aStorePastTheReservedRoomTraps() async {
        await #expect(processExitsWith: .failure) {
            var writer = RowBinaryWriter(capacity: 16)
            writer.writeStaged(maxBytes: 4) { row in
                for _ in 0..<1_000 { row.uInt64(.max) }
            }
        }
    }
}
