import ArgumentParser

/// The `A:B` values of the fault flags (`START:COUNT`, `CHUNK:DELAY`, `ID:KIND`).
enum OptionText {
    /// `A:B` split at the first colon; nil without one.
    static func pair(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    static func intPair(_ text: String) -> (Int, Int)? {
        guard let (a, b) = pair(text), let x = Int(a), let y = Int(b) else { return nil }
        return (x, y)
    }

    /// `ID:NAME` with NAME one of `T`'s raw values, or a ValidationError naming the flag.
    static func idAndKind<T: RawRepresentable & CaseIterable>(_ text: String, flag: String) throws -> (Int, T) where T.RawValue == String {
        guard let (a, b) = pair(text), let id = Int(a), let kind = T(rawValue: b) else {
            let kinds = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("\(flag) expects ID:KIND with KIND one of: \(kinds) (got \(text))")
        }
        return (id, kind)
    }

    /// A comma-separated list, spaces dropped.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
    }
}
