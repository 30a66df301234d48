import ClickHouseHTTP
import Foundation

/// The latest seat inventory of one live, upcoming show (`fact_qtickets_inventory_latest`): the
/// table holds exactly the shows that can still be sold, replaced whole by each run.
public struct InventoryRow: ColumnarRow, WarehouseRow, Equatable {
    /// When the run polled the seats (Unix seconds): the same for every show of a run.
    public var snapshotAt: UInt32
    public var eventID: UInt64
    public var eventName: String
    public var showID: UInt64
    public var city: String
    /// Seats of the show, each physical seat (`root_id`) once, disabled seats left out.
    public var ticketsTotal: UInt64
    /// Of those, the seats still free.
    public var ticketsLeft: UInt64
    /// The run's version (``VersionClock``: wall-clock milliseconds, never below a stored one).
    public var version: UInt64

    public static let columns: [TableColumn<InventoryRow>] = [
        .dateTime("snapshot_ts", \.snapshotAt),
        .eventID(\.eventID),
        .string("event_name", \.eventName),
        .showID(\.showID),
        .city(\.city),
        .uInt64("tickets_total", \.ticketsTotal),
        .uInt64("tickets_left", \.ticketsLeft),
        .version(\.version),
    ]

    public static let table = TableDefinition(name: "fact_qtickets_inventory_latest", columns: columns, orderBy: ["show_id"], versionColumn: "version")
}
