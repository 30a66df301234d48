import Foundation

/// The `Decodable` path, for what the fast path declines: a whole answer, or one row decoded on
/// its own with its errors placed where they would be in the whole answer.
enum ReferenceDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// What `ElementResult<T>` gives for the row at `path` (`data[3]`, `data.<seat id>`): the row,
    /// or its failure with its id when readable and the reason, the path included.
    static func row<T: Decodable & Sendable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer, path: [any CodingKey]) -> ElementResult<T> {
        let data = Data(bytes)
        do {
            return .success(try JSONDecoder().decode(T.self, from: data))
        } catch {
            let id = try? JSONDecoder().decode(RowID.self, from: data).id
            return .failure(id: id, reason: DecodingFailure.describe(placed(error, under: path)))
        }
    }

    /// `error` with `path` prepended to its coding path.
    static func placed(_ error: any Error, under path: [any CodingKey]) -> any Error {
        guard let error = error as? DecodingError else { return error }
        func moved(_ context: DecodingError.Context) -> DecodingError.Context {
            DecodingError.Context(
                codingPath: path + context.codingPath, debugDescription: context.debugDescription, underlyingError: context.underlyingError)
        }
        switch error {
        case .typeMismatch(let type, let context): return DecodingError.typeMismatch(type, moved(context))
        case .valueNotFound(let type, let context): return DecodingError.valueNotFound(type, moved(context))
        case .keyNotFound(let key, let context): return DecodingError.keyNotFound(key, moved(context))
        case .dataCorrupted(let context): return DecodingError.dataCorrupted(moved(context))
        @unknown default: return error
        }
    }
}

/// A coding key as Foundation's decoder names list positions (`Index 3`) and map keys.
struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    /// A map key; Foundation gives numeric ones (`"0"`) an int value too, so paths render `data[0]`.
    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = Int(stringValue)
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    static let data = PathKey(stringValue: "data")
}
