import ClickHouseHTTP
import Foundation

/// One column of a warehouse table, declared once: its name and ClickHouse type (for the DDL
/// and the INSERT's column list) and how a row writes its value (for RowBinary), so the three
/// cannot disagree and adding a column is one line.
public struct TableColumn<Row>: Sendable {
    public let definition: ColumnDefinition
    let write: @Sendable (Row, inout RowBinaryWriter) throws -> Void

    init(_ name: String, _ type: ClickHouseType, write: @escaping @Sendable (Row, inout RowBinaryWriter) throws -> Void) {
        self.definition = ColumnDefinition(name, type)
        self.write = write
    }
}

/// A row whose table is its list of ``TableColumn``s: its RowBinary encoding is written from
/// that list, in the table's column order.
public protocol ColumnarRow: RowBinaryRow {
    static var columns: [TableColumn<Self>] { get }
}

extension ColumnarRow {
    public func encode(to writer: inout RowBinaryWriter) throws {
        try encodeColumnByColumn(to: &writer)
    }

    /// The row's RowBinary as its column list writes it: the encoding every table's bytes are
    /// defined by. A row written once per ticket of a backfill may stage its fields instead
    /// (``TicketRow``, ``RowBinaryStage``: a closure call, a key path and a checked buffer write
    /// per field cost 8% of a backfill's ingester CPU); its tests hold that encoding to this
    /// one, byte for byte, and its validated rows come through here.
    func encodeColumnByColumn(to writer: inout RowBinaryWriter) throws {
        for column in Self.columns { try column.write(self, &writer) }
    }
}

extension TableDefinition {
    /// A `ReplacingMergeTree` table of `columns`, in their order.
    init<Row>(name: String, columns: [TableColumn<Row>], orderBy: [String], partitionBy: String? = nil, versionColumn: String) {
        self.init(name: name, columns: columns.map(\.definition), orderBy: orderBy, partitionBy: partitionBy, versionColumn: versionColumn)
    }
}

// MARK: Column types

extension TableColumn {
    static func uInt8(_ name: String, _ value: @escaping @Sendable (Row) -> UInt8) -> Self {
        Self(name, .uInt8) { row, writer in writer.writeUInt8(value(row)) }
    }

    static func uInt32(_ name: String, _ value: @escaping @Sendable (Row) -> UInt32) -> Self {
        Self(name, .uInt32) { row, writer in writer.writeUInt32(value(row)) }
    }

    static func uInt64(_ name: String, _ value: @escaping @Sendable (Row) -> UInt64) -> Self {
        Self(name, .uInt64) { row, writer in writer.writeUInt64(value(row)) }
    }

    static func string(_ name: String, _ value: @escaping @Sendable (Row) -> String) -> Self {
        Self(name, .string) { row, writer in writer.writeString(value(row)) }
    }

    /// `Date` from a day number (days since 1970-01-01).
    static func date(_ name: String, _ day: @escaping @Sendable (Row) -> UInt16) -> Self {
        Self(name, .date) { row, writer in writer.writeDate(daysSinceEpoch: day(row)) }
    }

    /// `DateTime` (the server's zone) from Unix seconds.
    static func dateTime(_ name: String, _ seconds: @escaping @Sendable (Row) -> UInt32) -> Self {
        Self(name, .dateTime(timeZone: nil)) { row, writer in writer.writeDateTime(epochSeconds: seconds(row)) }
    }

    /// `Nullable(DateTime)` from Unix seconds, `nil` for NULL.
    static func optionalDateTime(_ name: String, _ seconds: @escaping @Sendable (Row) -> UInt32?) -> Self {
        Self(name, .nullable(.dateTime(timeZone: nil))) { row, writer in
            if let value = seconds(row) {
                writer.writeNonNullMarker()
                writer.writeDateTime(epochSeconds: value)
            } else {
                writer.writeNull()
            }
        }
    }

    /// `Decimal(18, 2)`: money, exact to the kopeck.
    static func money(_ name: String, _ value: @escaping @Sendable (Row) -> Decimal) -> Self {
        Self(name, .decimal(precision: 18, scale: 2)) { row, writer in try writer.writeDecimal(value(row), precision: 18, scale: 2) }
    }
}

// MARK: The shared dimensions

/// Columns several tables have, declared once so that every table agrees on their name and
/// type: readers join the facts on them.
extension TableColumn {
    static func salesDate(_ day: @escaping @Sendable (Row) -> UInt16) -> Self { .date("sales_date", day) }
    static func eventID(_ id: @escaping @Sendable (Row) -> UInt64) -> Self { .uInt64("event_id", id) }
    static func showID(_ id: @escaping @Sendable (Row) -> UInt64) -> Self { .uInt64("show_id", id) }
    static func city(_ name: @escaping @Sendable (Row) -> String) -> Self { .string("city", name) }
    /// The `ReplacingMergeTree` version: the highest wins.
    static func version(_ version: @escaping @Sendable (Row) -> UInt64) -> Self { .uInt64("version", version) }
}
