@testable import ClickHouseHTTP
import Foundation
import NIOCore
import Testing

/// A row type for tests whose encoding can be made wrong on purpose.
struct MisfitRow: RowBinaryRow {
    enum Mistake: Sendable { case none, wrongType, missingColumn, extraField, wrongDecimalScale, nullIntoNotNull }
    static let table = TableDefinition(
        name: "misfit",
        columns: [
            ColumnDefinition("id", .uInt64),
            ColumnDefinition("name", .string),
            ColumnDefinition("price", .decimal(precision: 18, scale: 2)),
            ColumnDefinition("paid_at", .nullable(.dateTime(timeZone: "Europe/Moscow"))),
            ColumnDefinition("tags", .array(.nullable(.string))),
        ],
        orderBy: ["id"], versionColumn: nil)
    var mistake: Mistake = .none

    func encode(to w: inout RowBinaryWriter) throws {
        if mistake == .wrongType { w.writeUInt32(1) } else { w.writeUInt64(1) }
        w.writeString("x")
        try w.writeDecimal(1, precision: 18, scale: mistake == .wrongDecimalScale ? 3 : 2)
        if mistake == .nullIntoNotNull { w.writeNull(); return }
        w.writeNullable(Date?.none) { $0.writeDateTime($1) }
        if mistake == .missingColumn { return }
        w.writeArray(["a", nil] as [String?]) { w, s in w.writeNullable(s) { $0.writeString($1) } }
        if mistake == .extraField { w.writeUInt8(0) }
    }
}

@Suite struct RowValidatorTests {
    @Test func aFittingRowPasses() throws {
        var w = RowBinaryWriter()
        try w.write(MisfitRow(), validate: true)
        #expect(w.byteCount > 0)
    }

    @Test(arguments: [
        (MisfitRow.Mistake.wrongType, "id", "UInt64", "UInt32"),
        (.wrongDecimalScale, "price", "Decimal(18, 2)", "Decimal(18, 3)"),
        (.missingColumn, "tags", "Array(Nullable(String))", "nothing (the row ended early)"),
        (.nullIntoNotNull, "paid_at", "", ""),
    ])
    func mismatchNamesTableAndColumn(mistake: MisfitRow.Mistake, column: String, expected: String, found: String) throws {
        var w = RowBinaryWriter()
        try w.write(MisfitRow(), validate: true)
        let before = w.byteCount
        let error = try #require(throws: RowSchemaError.self) { try w.write(MisfitRow(mistake: mistake), validate: true) }
        #expect(error.table == "misfit")
        if mistake != .nullIntoNotNull {
            #expect(error.column == column)
            #expect(error.expected == expected)
            #expect(error.found == found)
        }
        #expect(error.description.contains("misfit"))
        // The partial row was rolled back: the buffer holds whole rows only.
        #expect(w.byteCount == before)
    }

    @Test func extraFieldsAreCaught() throws {
        var w = RowBinaryWriter()
        let error = try #require(throws: RowSchemaError.self) { try w.write(MisfitRow(mistake: .extraField), validate: true) }
        #expect(error.column == nil)
        #expect(w.byteCount == 0)
    }

    @Test func withoutValidationNothingIsChecked() throws {
        var w = RowBinaryWriter()
        try w.write(MisfitRow(mistake: .wrongType), validate: false)
        #expect(w.byteCount > 0)
    }
}
