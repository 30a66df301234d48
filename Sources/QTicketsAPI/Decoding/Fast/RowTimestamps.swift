import Foundation

/// `created_at`, `updated_at` and `deleted_at`, which orders and baskets carry and read alike.
struct RowTimestamps {
    var createdAt: Date?
    var updatedAt: Date?
    var deletedAt: Date?
    private var seen = SeenFields()

    /// Reads the value at the cursor if `name` is one of the three, seen for the first time;
    /// returns whether it did (otherwise the value is still to be consumed).
    @inline(__always)
    mutating func read(_ name: JSONStringSpan, _ c: inout JSONCursor) throws(FastPathDeclined) -> Bool {
        guard name.count == 10 else { return false }
        if c.name(name, is: "created_at") {
            guard seen.first(0) else { return false }
            createdAt = try c.timestampIfPresent()
        } else if c.name(name, is: "updated_at") {
            guard seen.first(1) else { return false }
            updatedAt = try c.timestampIfPresent()
        } else if c.name(name, is: "deleted_at") {
            guard seen.first(2) else { return false }
            deletedAt = try c.timestampIfPresent()
        } else {
            return false
        }
        return true
    }
}
