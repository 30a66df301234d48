import ClickHouseHTTP
import Foundation
import QTicketsFake
import Testing
@testable import Ingest

/// The rows that stage their fields (``TicketRow``, ``TicketDayRow``: one per ticket of a
/// backfill; ``RowBinaryStage``) must write exactly what their column list writes, which
/// defines the table's bytes (``ColumnarRow/encodeColumnByColumn(to:)``): random rows with every
/// edge value (long and non-ASCII strings, the largest integers and decimals), staged and as a
/// batch's first row, checked against the table's types.
@Suite struct ColumnarRowEncodingTests {
    static let rows = 2_000

    @Test func ticketRowsWriteTheBytesOfTheirColumnList() throws {
        var random = SplitMix64(seed: 0x7ac4e7)
        for key in 0..<Self.rows {
            try expectSameBytes(RandomRows.ticket(&random, key: UInt64(key)))
        }
    }

    @Test func ticketDayRowsWriteTheBytesOfTheirColumnList() throws {
        var random = SplitMix64(seed: 0xda75)
        for _ in 0..<Self.rows {
            try expectSameBytes(TicketDayRow(salesDay: RandomRows.day(&random), ticketID: RandomRows.uInt64(&random), version: RandomRows.uInt64(&random)))
        }
    }

    /// The staged bytes (a batch's rows after its first) against the column list's, and the row
    /// as a batch's first writes it: through the type check, with the same bytes.
    private func expectSameBytes<Row: ColumnarRow>(_ row: Row) throws {
        let staged = try bytes(row) { row, writer in try writer.write(row, validate: false) }
        let byColumns = try bytes(row) { try $0.encodeColumnByColumn(to: &$1) }
        let validated = try bytes(row) { row, writer in try writer.write(row, validate: true) }
        #expect(staged == byColumns, "\(row)")
        #expect(validated == byColumns, "\(row)")
    }

    private func bytes<Row>(_ row: Row, _ write: (Row, inout RowBinaryWriter) throws -> Void) throws -> [UInt8] {
        var writer = RowBinaryWriter()
        try write(row, &writer)
        return Array(writer.buffer.readableBytesView)
    }
}
