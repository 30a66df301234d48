import Foundation

/// Lenient readers for PHP-shaped JSON.
///
/// The API is a PHP application: the same field arrives as `true`, `1` or `"1"`; an empty map
/// arrives as `[]`; numbers sometimes arrive as strings. Each reader accepts every shape seen
/// (and the obvious neighbours), and throws a `DecodingError` naming the key for anything else,
/// so a really malformed row is reported instead of silently becoming zero.
extension KeyedDecodingContainer {
    /// `true` when the key is absent or `null`.
    @inline(__always)
    func isAbsentOrNull(_ key: Key) throws -> Bool {
        guard contains(key) else { return true }
        return try decodeNil(forKey: key)
    }

    func lenientInt(_ key: Key) throws -> Int {
        try required(key, "integer", lenientIntIfPresent)
    }

    func lenientIntIfPresent(_ key: Key) throws -> Int? {
        try number(key, "an integer", fromText: { Int($0) }) {
            (try? decode(Double.self, forKey: key)).flatMap { $0.rounded() == $0 && abs($0) < 9e15 ? Int($0) : nil }
        }
    }

    /// A flag sent as a bool, `0`/`1`, or a string (`"0"`, `"1"`, `"true"`, `"false"`, `""`).
    /// Absent or `null` reads as `defaultValue`.
    func lenientFlag(_ key: Key, default defaultValue: Bool = false) throws -> Bool {
        do { return try decodeIfPresent(Bool.self, forKey: key) ?? defaultValue } catch {}
        if let value = try? decode(Int.self, forKey: key) { return value != 0 }
        if let text = try? decode(String.self, forKey: key) {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off", "": return false
            default: break
            }
        }
        if let double = try? decode(Double.self, forKey: key) { return double != 0 }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a flag")
    }

    /// A money amount, exact. Foundation's `JSONDecoder` (swift-foundation, Swift 6) builds a
    /// `Decimal` from the number's text, never through `Double`; `DecimalExactnessTests` pins that.
    /// A numeric string (`"390.50"`) is accepted too and parsed strictly.
    func money(_ key: Key) throws -> Decimal {
        try required(key, "amount", moneyIfPresent)
    }

    func moneyIfPresent(_ key: Key) throws -> Decimal? {
        try number(key, "an amount", fromText: ExactDecimal.parse)
    }

    /// An ISO-8601 timestamp with an offset. Absent, `null` and `""` read as `nil`; anything else
    /// that does not parse throws (a wrong instant would silently move a sale to another day).
    func timestampIfPresent(_ key: Key) throws -> Date? {
        let decoded: String?
        do {
            decoded = try decodeIfPresent(String.self, forKey: key)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a timestamp string")
        }
        guard var text = decoded else { return nil }
        if text.isEmpty || text.hasPrefix("0000-00-00") { return nil }
        if let date = text.withUTF8({ QTicketsTimestamp.parse(bytes: $0) }) { return date }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "unreadable timestamp \"\(text)\"")
    }

    /// A string, or a number rendered as text (ids of seats sometimes look numeric).
    func lenientStringIfPresent(_ key: Key) throws -> String? {
        do { return try decodeIfPresent(String.self, forKey: key) } catch {}
        if let value = try? decode(Int.self, forKey: key) { return String(value) }
        if let value = try? decode(Decimal.self, forKey: key) { return "\(value)" }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a string")
    }

    /// An embedded object that PHP renders as `[]` when empty: `[]`, absent and `null` read as `nil`.
    func objectIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        if try isAbsentOrNull(key) { return nil }
        do {
            return try decode(T.self, forKey: key)
        } catch {
            if let array = try? decode([IgnoredValue].self, forKey: key), array.isEmpty { return nil }
            throw error
        }
    }

    /// A list that may arrive as an array, as a PHP associative array (`{"0": …, "1": …}`), or
    /// not at all. Absent and `null` read as empty.
    func list<T: Decodable>(_ type: T.Type, _ key: Key) throws -> [T] {
        if try isAbsentOrNull(key) { return [] }
        do {
            return try decode([T].self, forKey: key)
        } catch {
            guard let keyed = try? decode([String: T].self, forKey: key) else { throw error }
            return keyed.sorted { lhs, rhs in
                switch (Int(lhs.key), Int(rhs.key)) {
                case let (l?, r?): return l < r
                default: return lhs.key < rhs.key
                }
            }.map(\.value)
        }
    }

    /// `read(key)`, or a `valueNotFound` naming the key when it is absent or null.
    private func required<T>(_ key: Key, _ what: String, _ read: (Key) throws -> T?) throws -> T {
        guard let value = try read(key) else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath + [key], debugDescription: "missing \(what)"))
        }
        return value
    }

    /// A number sent natively, or as text (`"42"`, `" 390.50 "`; blank reads as absent) that
    /// `parse` accepts, or whatever `fallback` makes of it; `nil` when absent or null. Anything
    /// else throws, naming the key.
    private func number<T: Decodable>(
        _ key: Key, _ expected: String, fromText parse: (String) -> T?, fallback: () -> T? = { nil }
    ) throws -> T? {
        // Fast path, one lookup: the native type, or absent, or null.
        do { return try decodeIfPresent(T.self, forKey: key) } catch {}
        if let text = try? decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            if let value = parse(trimmed) { return value }
        }
        if let value = fallback() { return value }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected \(expected)")
    }
}

/// Decodes any JSON value and keeps nothing: used to look at a value's shape only.
struct IgnoredValue: Decodable {
    init(from decoder: any Decoder) throws {}
}
