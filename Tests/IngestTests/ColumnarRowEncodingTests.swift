import ClickHouseHTTP
import Foundation
import QTicketsFake
import Testing
@testable import Ingest

/// The rows that write their fields straight (``TicketRow``, ``TicketDayRow``: one per ticket of
/// a backfill) must write exactly what their column list writes, which defines the table's
/// bytes (``ColumnarRow/encodeColumnByColumn(to:)``): random rows with every edge value, and a
/// writer that checks each field against the table's types.
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

    private func expectSameBytes<Row: ColumnarRow>(_ row: Row) throws {
        let straight = try bytes(row) { row, writer in try writer.write(row, validate: true) }
        let byColumns = try bytes(row) { try $0.encodeColumnByColumn(to: &$1) }
        #expect(straight == byColumns, "\(row)")
    }

    private func bytes<Row>(_ row: Row, _ write: (Row, inout RowBinaryWriter) throws -> Void) throws -> [UInt8] {
        var writer = RowBinaryWriter()
        try write(row, &writer)
        return Array(writer.buffer.readableBytesView)
    }
}
