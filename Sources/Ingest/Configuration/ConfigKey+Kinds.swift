import ClientSupport

// The kinds of values the keys hold: each says once how its text is parsed and what the error
// says a valid value looks like.

extension ConfigKey where Value == Int {
    /// An integer of `range`, e.g. `1...64`.
    static func integer(_ name: String, in range: ClosedRange<Int>, default value: Int, doc: String) -> Self {
        ConfigKey(name, .defaulted(String(value)), expected: "an integer from \(range.lowerBound) to \(range.upperBound)", doc: doc) {
            Int($0).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// A positive integer; `unit` ("bytes", "milliseconds") is named in the error.
    static func positiveInteger(_ name: String, default value: Int, unit: String? = nil, doc: String) -> Self {
        let expected = "a positive integer" + (unit.map { " (\($0))" } ?? "")
        return ConfigKey(name, .defaulted(String(value)), expected: expected, doc: doc) { Int($0).flatMap { $0 > 0 ? $0 : nil } }
    }
}

extension ConfigKey where Value == String {
    /// Any non-empty text (an unset key reads as `presence`'s default).
    static func text(_ name: String, _ presence: ConfigKeyPresence, doc: String, example: String? = nil) -> Self {
        ConfigKey(name, presence, expected: "a value", doc: doc, example: example) { $0 }
    }

    /// One of `choices`, exactly as written.
    static func choice(_ name: String, _ choices: [String], doc: String) -> Self {
        let expected = choices.dropLast().joined(separator: ", ") + " or " + (choices.last ?? "")
        return ConfigKey(name, .defaulted(choices[0]), expected: expected, doc: doc) { choices.contains($0) ? $0 : nil }
    }
}

extension ConfigKey where Value == String? {
    /// A file path that turns a feature on; unset, the feature is off.
    static func path(_ name: String, doc: String, example: String) -> Self {
        ConfigKey(name, .defaulted(""), expected: "a path", doc: doc, example: example) { .some($0.isEmpty ? nil : $0) }
    }
}

extension ConfigKey where Value == ServiceURL {
    /// An `http://` or `https://` URL with a host, checked by ``ServiceURL`` (the one URL check).
    static func url(_ name: String, doc: String, example: String) -> Self {
        ConfigKey(name, .required, expected: "an http:// or https:// URL", doc: doc, example: example) { try? ServiceURL($0) }
    }
}

extension ConfigKey where Value == Secret {
    /// A token or password: held in a ``Secret`` from the moment it is read.
    static func secret(_ name: String, _ presence: ConfigKeyPresence, doc: String, example: String) -> Self {
        ConfigKey(name, presence, expected: "a value", doc: doc, example: example) { Secret($0) }
    }
}
