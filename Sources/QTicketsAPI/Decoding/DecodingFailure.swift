/// Short, log-friendly descriptions of `DecodingError`s: the key path and what was wrong, never
/// the payload (which may hold personal data).
enum DecodingFailure {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [any CodingKey]) -> String {
            let rendered = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return rendered.isEmpty ? "<root>" : String(rendered.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key \(path(context.codingPath + [key]))"
        case .valueNotFound(_, let context):
            return "null or missing value at \(path(context.codingPath)): \(context.debugDescription)"
        case .typeMismatch(let type, let context):
            return "type mismatch at \(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            return "bad value at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}
