/// A JSON object key written as its literal name: `c.lenientInt("show_id")`.
///
/// The models read the API's snake_case names where they fill a field, so each name is written
/// once, next to its field, instead of again in a `CodingKeys` enum.
struct JSONKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringLiteral name: String) { self.stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// The JSON object being decoded, keyed by literal names.
    func object() throws -> KeyedDecodingContainer<JSONKey> {
        try container(keyedBy: JSONKey.self)
    }
}
