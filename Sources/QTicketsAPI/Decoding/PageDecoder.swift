import Foundation

/// A decoded list page, for callers that hold raw answers (captured payloads, benchmarks).
public struct DecodedPage<Element: Sendable>: Sendable {
    public struct RowFailure: Sendable, Hashable {
        public var id: Int?
        public var reason: String
    }

    public var rows: [Element]
    public var failures: [RowFailure]
    public var paging: Paging?
}

/// Decodes raw API answers with the `Decodable` models: the reference. The client reads orders
/// and seats with `FastPageDecoder`, which gives the same results (the agreement tests hold
/// them together); events still go through this path.
public enum PageDecoder {
    public static func orders(_ data: Data) throws -> DecodedPage<Order> {
        try split(JSONDecoder().decode(ListPage<Order>.self, from: data))
    }

    public static func events(_ data: Data) throws -> DecodedPage<Event> {
        try split(JSONDecoder().decode(ListPage<Event>.self, from: data))
    }

    public static func seats(_ data: Data) throws -> DecodedPage<Seat> {
        let envelope = try JSONDecoder().decode(SeatsEnvelope.self, from: data)
        return split(ListPage(rows: envelope.rows, paging: nil))
    }

    static func split<T>(_ page: ListPage<T>) -> DecodedPage<T> {
        var rows: [T] = []
        var failures: [DecodedPage<T>.RowFailure] = []
        rows.reserveCapacity(page.rows.count)
        for row in page.rows {
            switch row {
            case .success(let value): rows.append(value)
            case .failure(let id, let reason): failures.append(.init(id: id, reason: reason))
            }
        }
        return DecodedPage(rows: rows, failures: failures, paging: page.paging)
    }
}
