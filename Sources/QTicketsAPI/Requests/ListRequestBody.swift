import Foundation

/// The JSON body of a list request: `{"where":[...],"orderBy":{"id":"asc"},"page":N}`.
struct ListRequestBody: Encodable, Sendable {
    var filters: [WhereClause]
    var orderBy: [String: String]
    var page: Int
    var perPage: Int?

    enum CodingKeys: String, CodingKey {
        case filters = "where"
        case orderBy, page
        case perPage = "per_page"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !filters.isEmpty { try c.encode(filters, forKey: .filters) }
        if !orderBy.isEmpty { try c.encode(orderBy, forKey: .orderBy) }
        try c.encode(page, forKey: .page)
        try c.encodeIfPresent(perPage, forKey: .perPage)
    }

    func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
