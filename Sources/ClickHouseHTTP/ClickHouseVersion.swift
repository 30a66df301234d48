import Foundation

/// A server version as reported by `SELECT version()`, e.g. `18.16.1` or `24.8.4.13`.
///
/// Compared component by component (missing components count as 0), so settings can be gated
/// on the first version that knows them.
public struct ClickHouseVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let components: [Int]

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        components = [major, minor, patch]
    }

    /// Parses the leading dotted numbers of `text`; `nil` if there are none.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var parts: [Int] = []
        for piece in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = piece.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let n = Int(digits) else { break }
            parts.append(n)
            if digits.count != piece.count { break }
        }
        guard !parts.isEmpty else { return nil }
        components = parts
    }

    public var description: String { components.map(String.init).joined(separator: ".") }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        for i in 0..<max(lhs.components.count, rhs.components.count) {
            let a = i < lhs.components.count ? lhs.components[i] : 0
            let b = i < rhs.components.count ? rhs.components[i] : 0
            if a != b { return a < b }
        }
        return false
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { !(lhs < rhs) && !(rhs < lhs) }

    public func hash(into hasher: inout Hasher) {
        var c = components
        while c.count > 1, c.last == 0 { c.removeLast() }
        hasher.combine(c)
    }
}
