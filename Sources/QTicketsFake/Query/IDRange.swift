/// The `id >`, `id >=`, `id <`, `id <=` conditions of a `where`, folded into one closed range.
///
/// A keyset client sends the same filter with a new cursor on every page. Keeping the cursor
/// out of the selection's cache key lets every page reuse one cached, id-sorted selection and
/// find its slice by binary search: O(log n + page) per request instead of a scan of all rows.
struct IDRange: Equatable {
    var lower = Int.min
    var upper = Int.max

    var isUnbounded: Bool { lower == .min && upper == .max }

    /// Folds `condition` in and returns true, or returns false when it is not an id bound
    /// with a numeric value (it then stays an ordinary condition).
    mutating func absorb(_ condition: WhereCondition) -> Bool {
        guard condition.column == "id", let v = condition.value.number, v.isFinite else { return false }
        switch condition.op {
        case .gt: lower = max(lower, Self.clamp(v.rounded(.down) + 1))
        case .ge: lower = max(lower, Self.clamp(v.rounded(.up)))
        case .lt: upper = min(upper, Self.clamp(v.rounded(.up) - 1))
        case .le: upper = min(upper, Self.clamp(v.rounded(.down)))
        default: return false
        }
        return true
    }

    func contains(_ id: Int) -> Bool { id >= lower && id <= upper }

    /// Doubles beyond the Int range clamp to its ends (`id > 1e30` then matches nothing real).
    private static func clamp(_ v: Double) -> Int {
        if v <= -9.2e18 { return .min }
        if v >= 9.2e18 { return .max }
        return Int(v)
    }
}
