import Foundation

/// The version of a ticket row: which of two stored states of an order is the later one.
///
/// `updated_at` seconds in the high 32 bits, so an older `updated_at` always loses. The API
/// stamps whole seconds, and an order can change twice within one: both states then carry the
/// same `updated_at`. The low 32 bits break that tie by when the state was fetched, as
/// milliseconds after `updated_at` (offset by 2³¹, clamped): every fetch of the first state
/// happened before the second state existed, so every fetch of the second comes later and wins,
/// in whichever order the two rows reach the table. Relative to `updated_at`, the tiebreak
/// needs no absolute clock width: it spans ±24 days of API clock skew or fetch delay, and a
/// fetch later than that clamps to the top, still above any fetch of an earlier state of the
/// same second (those happen within seconds of it).
public enum TicketVersion {
    static let tiebreakOffset: Int64 = 1 << 31

    public static func make(updatedAt: Date, fetchedAt: Date) -> UInt64 {
        let seconds = UInt64(updatedAt.dateTimeSeconds)
        let afterUpdate = Int64((fetchedAt.timeIntervalSince(updatedAt) * 1_000).rounded(.down))
        let tiebreak = UInt64(clamping: min(Int64(UInt32.max), max(0, afterUpdate + tiebreakOffset)))
        return seconds << 32 | tiebreak
    }

    /// The `updated_at` second a version was made from.
    public static func updatedAtSeconds(of version: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: version >> 32) }
}
