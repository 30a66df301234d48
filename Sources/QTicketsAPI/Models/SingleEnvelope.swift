/// A single object answer: `{"data":{...}}`.
struct SingleEnvelope<Element: Decodable & Sendable>: Decodable, Sendable {
    var data: Element
}
