/// A list answer: `{"data":[...],"paging":{"perPage":50,"currentPage":1,"total":126213}}`.
/// Rows that failed to decode are kept as failures so the caller can report them.
struct ListPage<Element: Decodable & Sendable>: Decodable, Sendable {
    var rows: [ElementResult<Element>]
    /// Absent on answers that are not paginated: treated as a single page.
    var paging: Paging?

    init(rows: [ElementResult<Element>], paging: Paging?) {
        self.rows = rows
        self.paging = paging
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        // An answer without `data` is not an empty page: it is the wrong answer.
        guard c.contains("data") else {
            throw DecodingError.keyNotFound("data" as JSONKey, .init(codingPath: [], debugDescription: "no data in list answer"))
        }
        self.rows = try c.list(ElementResult<Element>.self, "data")
        self.paging = try c.objectIfPresent(Paging.self, "paging")
    }
}
