import Foundation
import NIOCore
import NIOFoundationCompat

/// What a request's JSON body asks for. The query string is never read: the real API
/// ignores it and so must the fake, or a client that sends filters there would pass.
struct ListQuery {
    struct Sort {
        var column: String
        var descending: Bool
    }

    var conditions: [WhereCondition] = []
    var orderBy: [Sort] = []
    var page = 1
    /// `per_page` of the body: ignored by the real API; honoured up to `maxPerPage` when the
    /// server is configured to.
    var perPage: Int?
    var flat = false
    var select: Set<String>?
    /// A non-empty body that was not JSON: the real API falls back to the defaults; counted.
    var bodyWasUnparseable = false

    enum Problem: Error, Equatable {
        case unknownOperator(String)
        case malformedWhere
        case unknownColumn(String)
    }

    static func parse(_ body: ByteBuffer?) throws(Problem) -> ListQuery {
        var query = ListQuery()
        guard let body, body.readableBytes > 0 else { return query }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), case .object = json else {
            query.bodyWasUnparseable = true
            return query
        }
        if let page = json["page"]?.intValue { query.page = max(1, page) }
        if let perPage = json["per_page"]?.intValue { query.perPage = perPage }
        if let flat = json["flat"] { query.flat = flat.isTruthy }
        if case .array(let names)? = json["select"] {
            query.select = Set(names.compactMap { if case .string(let s) = $0 { return s } else { return nil } })
        }
        switch json["orderBy"] {
        case .object(let o)?:
            for (column, direction) in o.sorted(by: { $0.key < $1.key }) {
                var desc = false
                if case .string(let d) = direction { desc = d.lowercased() == "desc" }
                query.orderBy.append(Sort(column: column, descending: desc))
            }
        case .string(let column)?:
            query.orderBy.append(Sort(column: column, descending: false))
        default:
            break
        }
        var items: [JSONValue] = []
        switch json["where"] {
        case .array(let a)?: items = a
        case .object?: items = [json["where"] ?? .null]
        case .none, .null?: items = []
        default: throw .malformedWhere
        }
        for item in items {
            guard case .string(let column)? = item["column"] else { throw .malformedWhere }
            var op = WhereCondition.Operator.eq
            if let raw = item["operator"] {
                guard case .string(let text) = raw else { throw .malformedWhere }
                guard let parsed = WhereCondition.Operator(rawValue: text.lowercased()) else {
                    throw .unknownOperator(text)
                }
                op = parsed
            }
            query.conditions.append(WhereCondition(column: column, op: op, value: QueryValue(item["value"])))
        }
        return query
    }

    /// Identifies the filtered, sorted row set (not the page), for the selection cache.
    var selectionKey: String {
        conditions.map(\.canonical).joined(separator: "&") + "#" + orderBy.map { "\($0.column) \($0.descending)" }.joined(separator: ",")
    }

    /// True when rows come in id order (no `orderBy`, or `orderBy` id first).
    var sortsByID: Bool { orderBy.first.map { $0.column == "id" } ?? true }

    /// The query without its id bounds, and those bounds: the selection of the rest is cached
    /// and shared by every keyset page (see `IDRange`).
    func splittingIDRange() -> (rest: ListQuery, ids: IDRange) {
        var rest = self
        var ids = IDRange()
        rest.conditions = conditions.filter { !ids.absorb($0) }
        return (rest, ids)
    }
}
