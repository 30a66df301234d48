import Foundation
import Logging

/// One time zone per warehouse: `sales_date` is the payment's day in `TZ`, so every day of a
/// warehouse must come from the same zone. The zone is recorded in `meta_ingest_settings` the
/// first time a run writes; a run with another `TZ` refuses (``TimeZoneMismatch``) before
/// writing anything.
struct TimeZoneCheck: Sendable {
    let zone: TimeZone
    /// `TZ` as written, and where it came from (the configuration keeps origins).
    let name: String
    let origin: String
    let database: String

    /// Refuses when the warehouse records another zone. Reads only: run before the lock, so a
    /// refused run leaves no trace.
    func verify(_ warehouse: any Warehouse) async throws {
        if let recorded = try await warehouse.recordedSettings()[SettingRow.Key.timeZone.rawValue] {
            try check(recorded)
        }
    }

    /// Under the lock, before the first data write: refuses like ``verify(_:)``, or records the
    /// zone when none is. A warehouse that already holds tickets but no zone (built before
    /// zones were recorded) adopts this run's zone, and the run says so: once, since it is
    /// recorded from then on.
    func ensure(_ warehouse: any Warehouse, settings: [String: String], versions: VersionClock, now: Date, logger: Logger) async throws {
        if let recorded = settings[SettingRow.Key.timeZone.rawValue] {
            return try check(recorded)
        }
        if try await warehouse.holdsTickets() {
            logger.warning("The warehouse recorded no time zone; adopting this run's", metadata: [
                "database": "\(database)", "time_zone": "\(zone.identifier)", "TZ": "\(name)", "from": "\(origin)",
                "note": "its existing sales_date days are taken to be \(zone.identifier) days",
            ])
        }
        try await warehouse.record(SettingRow(
            key: .timeZone, value: zone.identifier, updatedAt: now.dateTimeSeconds, version: versions.next()))
    }

    private func check(_ recorded: String) throws(TimeZoneMismatch) {
        guard recorded != zone.identifier else { return }
        throw TimeZoneMismatch(configured: name, origin: origin, recorded: recorded, database: database)
    }
}
