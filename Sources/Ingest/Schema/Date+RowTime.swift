import Foundation

/// The two ways a row stamps an instant: as a ClickHouse `DateTime` and as a row version.
extension Date {
    /// Whole seconds since 1970 (rounded down), clamped into a ClickHouse `DateTime`.
    var dateTimeSeconds: UInt32 {
        UInt32(clamping: Int64(timeIntervalSince1970.rounded(.down)))
    }

    /// Milliseconds since 1970 (rounded down, never negative): the version of a row stamped at
    /// this instant. `ReplacingMergeTree` keeps the highest version of a key, so a later state
    /// wins and the same state written twice is the same row.
    var millisecondVersion: UInt64 {
        UInt64(max(0, (timeIntervalSince1970 * 1_000).rounded(.down)))
    }
}
