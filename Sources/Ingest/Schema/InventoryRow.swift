import ClickHouseHTTP
import Foundation

/// The latest seat inventory of one show (`fact_qtickets_inventory_latest`).
public struct InventoryRow: WarehouseRow, Equatable {
    public var snapshotAt: UInt32
    public var eventID: UInt64
    public var eventName: String
    public var showID: UInt64
    public var city: String
    public var ticketsTotal: UInt64
    public var ticketsLeft: UInt64
    public var version: UInt64

    public static let table = TableDefinition(
        name: "fact_qtickets_inventory_latest",
        columns: [
            ColumnDefinition("snapshot_ts", .dateTime(timeZone: nil)),
            ColumnDefinition("event_id", .uInt64),
            ColumnDefinition("event_name", .string),
            ColumnDefinition("show_id", .uInt64),
            ColumnDefinition("city", .string),
            ColumnDefinition("tickets_total", .uInt64),
            ColumnDefinition("tickets_left", .uInt64),
            ColumnDefinition("version", .uInt64),
        ],
        orderBy: ["show_id"],
        versionColumn: "version"
    )

    public func encode(to writer: inout RowBinaryWriter) throws {
        writer.writeDateTime(epochSeconds: snapshotAt)
        writer.writeUInt64(eventID)
        writer.writeString(eventName)
        writer.writeUInt64(showID)
        writer.writeString(city)
        writer.writeUInt64(ticketsTotal)
        writer.writeUInt64(ticketsLeft)
        writer.writeUInt64(version)
    }
}
