import ClickHouseHTTP
import Foundation
import NIOCore
import Testing

/// The writer's bytes must equal the server's own `SELECT … FORMAT RowBinary` for the same value.
@Suite struct GoldenBytesTests {
    struct Case: Sendable {
        let sql: String
        let write: @Sendable (inout RowBinaryWriter) throws -> Void
        init(_ sql: String, _ write: @escaping @Sendable (inout RowBinaryWriter) throws -> Void) {
            self.sql = sql
            self.write = write
        }
    }

    static let moscowMidnight = Date(timeIntervalSince1970: 1_795_899_600)  // 2026-11-29 00:00:00 +03:00

    static let cases: [Case] = [
        Case("toUInt8(255)") { $0.writeUInt8(255) },
        Case("toUInt16(65535)") { $0.writeUInt16(.max) },
        Case("toUInt32(4294967295)") { $0.writeUInt32(.max) },
        Case("toUInt64('18446744073709551615')") { $0.writeUInt64(.max) },
        Case("toInt8(-128)") { $0.writeInt8(.min) },
        Case("toInt16(-32768)") { $0.writeInt16(.min) },
        Case("toInt32(-2147483648)") { $0.writeInt32(.min) },
        Case("toInt64('-9223372036854775808')") { $0.writeInt64(.min) },
        Case("toInt64(9223372036854775807)") { $0.writeInt64(.max) },
        Case("toFloat32(1.5)") { $0.writeFloat32(1.5) },
        Case("toFloat64(-0.1)") { $0.writeFloat64(-0.1) },
        Case("''") { $0.writeString("") },
        Case("'Москва — «Лужники» 🎫'") { $0.writeString("Москва — «Лужники» 🎫") },
        Case("'\(String(repeating: "x", count: 300))'") { $0.writeString(String(repeating: "x", count: 300)) },
        Case("toFixedString('ab', 4)") { try $0.writeFixedString("ab", length: 4) },
        Case("toDate('1970-01-01')") { $0.writeDate(Date(timeIntervalSince1970: 0)) },
        Case("toDate('2100-12-31')") { $0.writeDate(daysSinceEpoch: 47_846) },
        Case("toDateTime('2026-11-29 00:00:00', 'Europe/Moscow')") { $0.writeDateTime(moscowMidnight) },
        Case("toDateTime('1970-01-02 00:00:00', 'UTC')") { $0.writeDateTime(epochSeconds: 86_400) },
        Case("CAST('-1234.56' AS Decimal(9, 2))") { try $0.writeDecimal(Decimal(string: "-1234.56")!, precision: 9, scale: 2) },
        Case("CAST('123456789012345.67' AS Decimal(18, 2))") {
            try $0.writeDecimal(Decimal(string: "123456789012345.67")!, precision: 18, scale: 2)
        },
        Case("CAST('-12345678901234567890.1234567891' AS Decimal(38, 10))") {
            try $0.writeDecimal(Decimal(string: "-12345678901234567890.1234567891")!, precision: 38, scale: 10)
        },
        Case("CAST(NULL AS Nullable(String))") { $0.writeNull() },
        Case("toNullable(toInt32(-5))") { $0.writeNullable(Int32(-5)) { $0.writeInt32($1) } },
        Case("toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0')") {
            $0.writeUUID(UUID(uuidString: "61f0c404-5cb3-11e7-907b-a6006ad3dba0")!)
        },
        Case("CAST('Казань' AS LowCardinality(String))") { $0.writeString("Казань") },
        Case("[toUInt32(1), 2, 3]") { $0.writeArray([UInt32(1), 2, 3]) { $0.writeUInt32($1) } },
        Case("emptyArrayString()") { $0.writeArray([String]()) { $0.writeString($1) } },
        Case("[1, NULL]") { $0.writeArray([UInt8(1), nil]) { w, v in w.writeNullable(v) { $0.writeUInt8($1) } } },
        Case("[['a'], [], ['b', 'c']]") {
            $0.writeArray([["a"], [], ["b", "c"]]) { w, inner in w.writeArray(inner) { $0.writeString($1) } }
        },
    ]

    @Test func writerBytesEqualServerBytes() async throws {
        let server = try TestServer.load()
        try await server.withClient(database: "") { client in
        for c in Self.cases {
            let golden = try await client.queryBytes("SELECT \(c.sql) FORMAT RowBinary")
            var writer = RowBinaryWriter()
            try c.write(&writer)
            #expect(
                Array(writer.buffer.readableBytesView) == Array(golden.readableBytesView),
                "bytes differ for SELECT \(c.sql)")
        }
        }
    }
}
