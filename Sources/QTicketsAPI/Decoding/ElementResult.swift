/// One element of a list, decoded on its own so that a malformed row costs that row only.
///
/// Decoding `data` as `[ElementResult<T>]` rather than `[T]` keeps a single decoding pass over
/// the page while isolating failures: a row that does not decode becomes `.failure` with its
/// `id` when the id itself is readable, and the page goes on.
enum ElementResult<T: Decodable & Sendable>: Decodable, Sendable {
    case success(T)
    case failure(id: Int?, reason: String)

    init(from decoder: any Decoder) throws {
        do {
            self = .success(try T(from: decoder))
        } catch {
            let id = try? RowID(from: decoder).id
            self = .failure(id: id, reason: DecodingFailure.describe(error))
        }
    }
}

/// Reads only a row's `id`, leniently, to name a row that failed to decode.
struct RowID: Decodable {
    let id: Int

    init(from decoder: any Decoder) throws {
        self.id = try decoder.object().lenientInt("id")
    }
}
