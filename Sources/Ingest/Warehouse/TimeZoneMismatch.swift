/// The run's `TZ` is not the zone the warehouse was built with: its days would mix two
/// zones. A configuration error (exit 78), raised before the run writes anything.
public struct TimeZoneMismatch: Error, Equatable, CustomStringConvertible {
    /// `TZ` as written.
    public var configured: String
    /// Where the run's `TZ` came from: `file:line`, `environment`, or the built-in default.
    public var origin: String
    public var recorded: String
    public var database: String

    public var description: String {
        "configuration error: TZ=\(configured) (from \(origin)) differs from the time zone of warehouse \(database), \(recorded) "
            + "(recorded in meta_ingest_settings): its sales_date days are \(recorded) days; run with TZ=\(recorded)"
    }
}
