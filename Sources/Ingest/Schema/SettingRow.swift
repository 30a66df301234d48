import ClickHouseHTTP

/// One fact the warehouse records about how it was built (`meta_ingest_settings`): key → value,
/// the latest version wins.
///
/// Read before a run writes anything: a warehouse whose days were computed in one time zone
/// must not get days of another (``TimeZoneCheck``).
public struct SettingRow: ColumnarRow, Equatable {
    /// The keys the ingester records.
    public enum Key: String, Sendable, CaseIterable {
        /// The IANA zone `sales_date` is computed in.
        case timeZone = "time_zone"
        /// `complete` once `fact_qtickets_ticket_days` holds every ticket written before it existed.
        case ticketDaysIndex = "ticket_days_index"
    }

    /// The value of ``Key/ticketDaysIndex`` once the index is filled.
    public static let indexComplete = "complete"

    public var key: String
    public var value: String
    /// When it was recorded (Unix seconds).
    public var updatedAt: UInt32
    public var version: UInt64

    public init(key: Key, value: String, updatedAt: UInt32, version: UInt64) {
        self.key = key.rawValue
        self.value = value
        self.updatedAt = updatedAt
        self.version = version
    }

    public static let columns: [TableColumn<SettingRow>] = [
        .string("key", \.key),
        .string("value", \.value),
        .dateTime("updated_at", \.updatedAt),
        .version(\.version),
    ]

    public static let table = TableDefinition(name: "meta_ingest_settings", columns: columns, orderBy: ["key"], versionColumn: "version")
}
