import ClickHouseHTTP
import Foundation

/// A row with a column of every supported type, and the text the server prints for it
/// (`TabSeparated`), for the round-trip test.
struct AllTypesRow: RowBinaryRow {
    static let table = TableDefinition(
        name: "all_types",
        columns: [
            ColumnDefinition("id", .uInt32),
            ColumnDefinition("u8", .uInt8), ColumnDefinition("u16", .uInt16),
            ColumnDefinition("u32", .uInt32), ColumnDefinition("u64", .uInt64),
            ColumnDefinition("i8", .int8), ColumnDefinition("i16", .int16),
            ColumnDefinition("i32", .int32), ColumnDefinition("i64", .int64),
            ColumnDefinition("f32", .float32), ColumnDefinition("f64", .float64),
            ColumnDefinition("s", .string), ColumnDefinition("fs", .fixedString(4)),
            ColumnDefinition("d", .date),
            ColumnDefinition("dt", .dateTime(timeZone: "Europe/Moscow")),
            ColumnDefinition("dtu", .dateTime(timeZone: nil)),
            ColumnDefinition("dec9", .decimal(precision: 9, scale: 2)),
            ColumnDefinition("dec18", .decimal(precision: 18, scale: 2)),
            ColumnDefinition("dec38", .decimal(precision: 38, scale: 10)),
            ColumnDefinition("ns", .nullable(.string)),
            ColumnDefinition("ndt", .nullable(.dateTime(timeZone: nil))),
            ColumnDefinition("uuid", .uuid),
            ColumnDefinition("lc", .lowCardinalityString),
            ColumnDefinition("arr", .array(.string)),
            ColumnDefinition("arrn", .array(.nullable(.int32))),
        ],
        orderBy: ["id"], versionColumn: nil)

    var id: UInt32
    var u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64
    var i8: Int8, i16: Int16, i32: Int32, i64: Int64
    var f32: Float, f64: Double
    var s: String, fs: String
    var d: Date, dt: Date, dtu: UInt32
    var dec9: Decimal, dec18: Decimal, dec38: Decimal
    var ns: String?, ndt: Date?
    var uuid: UUID
    var lc: String
    var arr: [String], arrn: [Int32?]
    /// Column → text as printed by the server (absent: NULL).
    var expected: [String: String]

    func encode(to w: inout RowBinaryWriter) throws {
        w.writeUInt32(id)
        w.writeUInt8(u8); w.writeUInt16(u16); w.writeUInt32(u32); w.writeUInt64(u64)
        w.writeInt8(i8); w.writeInt16(i16); w.writeInt32(i32); w.writeInt64(i64)
        w.writeFloat32(f32); w.writeFloat64(f64)
        w.writeString(s); try w.writeFixedString(fs, length: 4)
        w.writeDate(d); w.writeDateTime(dt); w.writeDateTime(epochSeconds: dtu)
        try w.writeDecimal(dec9, precision: 9, scale: 2)
        try w.writeDecimal(dec18, precision: 18, scale: 2)
        try w.writeDecimal(dec38, precision: 38, scale: 10)
        w.writeNullable(ns) { $0.writeString($1) }
        w.writeNullable(ndt) { $0.writeDateTime($1) }
        w.writeUUID(uuid)
        w.writeString(lc)
        w.writeArray(arr) { $0.writeString($1) }
        w.writeArray(arrn) { w, v in w.writeNullable(v) { $0.writeInt32($1) } }
    }

    static func dec(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

    static let samples: [AllTypesRow] = [
        AllTypesRow(
            id: 1, u8: 0, u16: 0, u32: 0, u64: 0, i8: .min, i16: .min, i32: .min, i64: .min,
            f32: -1.5, f64: -0.1, s: "", fs: "",
            d: Date(timeIntervalSince1970: 86_400 + 3_600), dt: Date(timeIntervalSince1970: 1_795_899_600), dtu: 1,
            dec9: dec("-9999999.99"), dec18: dec("-0.01"), dec38: dec("-12345678901234567890.1234567891"),
            ns: nil, ndt: nil, uuid: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            lc: "", arr: [], arrn: [],
            expected: [
                "id": "1", "u8": "0", "u16": "0", "u32": "0", "u64": "0",
                "i8": "-128", "i16": "-32768", "i32": "-2147483648", "i64": "-9223372036854775808",
                "f32": "-1.5", "f64": "-0.1", "s": "", "fs": "\0\0\0\0",
                "d": "1970-01-02", "dt": "2026-11-29 00:00:00", "dtu": "1970-01-01 00:00:01",
                "dec9": "-9999999.99", "dec18": "-0.01", "dec38": "-12345678901234567890.1234567891",
                "uuid": "00000000-0000-0000-0000-000000000000", "lc": "", "arr": "[]", "arrn": "[]",
            ]),
        AllTypesRow(
            id: 2, u8: .max, u16: .max, u32: .max, u64: .max, i8: .max, i16: .max, i32: .max, i64: .max,
            f32: 1.5, f64: 0, s: "Москва «Лужники» 🎫\ttab\nline\\back'quote", fs: "abcd",
            d: Date(timeIntervalSince1970: 47_846 * 86_400 + 86_399), dt: Date(timeIntervalSince1970: 4_102_434_000),
            dtu: 4_133_980_799,
            dec9: dec("9999999.99"), dec18: dec("1234.5"), dec38: dec("9999999999999999999999999999.9999999999"),
            ns: "привет", ndt: Date(timeIntervalSince1970: 1_795_899_600),
            uuid: UUID(uuidString: "61f0c404-5cb3-11e7-907b-a6006ad3dba0")!,
            lc: "Казань", arr: ["a", "", "б"], arrn: [1, nil, -2],
            expected: [
                "id": "2", "u8": "255", "u16": "65535", "u32": "4294967295", "u64": "18446744073709551615",
                "i8": "127", "i16": "32767", "i32": "2147483647", "i64": "9223372036854775807",
                "f32": "1.5", "f64": "0", "s": "Москва «Лужники» 🎫\ttab\nline\\back'quote", "fs": "abcd",
                "d": "2100-12-31", "dt": "2100-01-01 00:00:00", "dtu": "2100-12-31 23:59:59",
                "dec9": "9999999.99", "dec18": "1234.50", "dec38": "9999999999999999999999999999.9999999999",
                "ns": "привет", "ndt": "2026-11-28 21:00:00",
                "uuid": "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "lc": "Казань",
                "arr": "['a','','б']", "arrn": "[1,NULL,-2]",
            ]),
    ]
}
