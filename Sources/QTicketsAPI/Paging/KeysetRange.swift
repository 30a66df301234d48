import Foundation

/// A time range of one order column: `column >= from` and, when bounded, `column < to`. A
/// keyset stream walks one range by id; a run's window is one range (open above: a change the
/// API stamps ahead of our clock still belongs to it), split into sub-ranges for concurrency.
///
/// Bounds are whole seconds, as the API compares them: a filter value is rendered without a
/// fraction, so a fractional bound would make the page check disagree with the server.
public struct KeysetRange: Sendable, Hashable, CustomStringConvertible {
    public var column: String
    public var from: Date
    /// `nil`: no upper bound.
    public var to: Date?

    public init(column: String, from: Date, to: Date? = nil) {
        self.column = column
        self.from = Self.wholeSeconds(from)
        self.to = to.map(Self.wholeSeconds)
    }

    /// The range's `where` clauses, dates rendered in `timeZone`.
    public func filters(timeZone: TimeZone) -> [WhereClause] {
        var clauses: [WhereClause] = [.ge(column, from, timeZone: timeZone)]
        if let to { clauses.append(.lt(column, to, timeZone: timeZone)) }
        return clauses
    }

    /// `count` consecutive ranges of equal length that together are this one: `[from, end)` is
    /// cut (`end` is `to`, or for an open range the instant the caller calls now), and the last
    /// part keeps this range's upper bound, so an open range stays open. Fewer parts when the
    /// range is shorter than `count` seconds; one part when it cannot be cut.
    public func split(into count: Int, until end: Date) -> [KeysetRange] {
        let limit = to ?? Self.wholeSeconds(end)
        let seconds = Int(limit.timeIntervalSince(from))
        let parts = min(count, seconds)
        guard parts > 1 else { return [self] }
        let step = Double(seconds) / Double(parts)
        var ranges: [KeysetRange] = []
        var lower = from
        for index in 1...parts {
            let upper = index == parts ? to : from.addingTimeInterval((step * Double(index)).rounded(.down))
            ranges.append(KeysetRange(column: column, from: lower, to: upper))
            if let upper { lower = upper }
        }
        return ranges
    }

    public var description: String {
        "\(column) >= \(from.formatted(.iso8601))" + (to.map { " and < \($0.formatted(.iso8601))" } ?? "")
    }

    private static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
