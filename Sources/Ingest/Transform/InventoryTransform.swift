import Foundation
import QTicketsAPI

/// Seats of a show → one inventory row; and which shows are worth polling.
public enum InventoryTransform {
    /// Over the show's seats, each `root_id` once (multiprice tariffs repeat a physical seat),
    /// disabled seats left out: left = Σ free_quantity, total = Σ max_quantity.
    ///
    /// Sums that do not fit `UInt64` (three seats of `max_quantity` 2^63 − 1 are enough) throw
    /// instead of trapping: a hostile seats answer must not crash the process.
    public static func totals(of seats: [Seat]) throws(Overflow) -> (total: UInt64, left: UInt64) {
        var seen = Set<String>()
        var total: UInt64 = 0
        var left: UInt64 = 0
        for seat in seats where !seat.disabled {
            let root = seat.rootID.isEmpty ? seat.id : seat.rootID
            guard seen.insert(root).inserted else { continue }
            let (newTotal, totalOverflow) = total.addingReportingOverflow(UInt64(clamping: max(0, seat.maxQuantity)))
            let (newLeft, leftOverflow) = left.addingReportingOverflow(UInt64(clamping: max(0, seat.freeQuantity)))
            guard !totalOverflow, !leftOverflow else { throw Overflow(seatID: seat.id) }
            (total, left) = (newTotal, newLeft)
        }
        return (total, left)
    }

    /// A show whose seat quantities add up past `UInt64`: its answer is garbage.
    public struct Overflow: Error, Sendable, Equatable, CustomStringConvertible {
        public var seatID: String
        public var description: String { "seat quantities add up past UInt64 (at seat \(seatID))" }
    }

    /// Shows of live, active events that are neither deleted nor finished.
    public static func pollableShows(of events: [Event], now: Date) -> [(event: Event, show: Show)] {
        events.filter { $0.deletedAt == nil && $0.isActive }.flatMap { event in
            event.shows
                .filter { $0.deletedAt == nil && ($0.finishDate.map { $0 > now } ?? true) }
                .map { (event: event, show: $0) }
        }
    }

    public static func row(event: Event, show: Show, seats: [Seat], snapshotAt: Date) throws(Overflow) -> InventoryRow {
        let totals = try totals(of: seats)
        return InventoryRow(
            snapshotAt: snapshotAt.dateTimeSeconds,
            eventID: UInt64(clamping: event.id),
            eventName: event.name,
            showID: UInt64(clamping: show.id),
            city: event.city?.name ?? "",
            ticketsTotal: totals.total,
            ticketsLeft: totals.left,
            version: snapshotAt.millisecondVersion
        )
    }
}
