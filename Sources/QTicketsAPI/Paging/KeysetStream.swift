/// One keyset walk over the orders matching `filters`, by id ascending: every request asks
/// `page: 1` of `filters` plus `id > cursor`, and the cursor becomes the last id of the answer.
///
/// An order that leaves the filtered set while the walk runs never shifts another (offset
/// paging loses the row that moves into its place), and ids strictly increase, so no order is
/// delivered twice and no id set is kept. Every answer is checked (``PageCheck``) before its
/// rows are used. The walk ends on an empty page or on a page holding everything that was left
/// (`paging.total` no more than its rows), whatever page size the server chose.
///
/// Rows that do not decode travel with their page (``Page/skipped``) and are reported when the
/// page is used (``QTicketsClient/reportSkipped(_:)``), not when it arrives: a page fetched
/// ahead of its consumer (``OrderListing``) counts for the run or slice that loads it.
struct KeysetStream: Sendable {
    /// A row of an answer that did not decode, to report once its page is used.
    struct Skipped: Sendable {
        var id: Int?
        var reason: String
        var context: String
    }

    struct Page: Sendable {
        var orders: [Order]
        /// What the API said was left of the walk when it answered (`paging.total`), capped
        /// so that sums of hostile totals cannot overflow.
        var total: Int
        var perPage: Int
        /// Rows the API sent, including those that did not decode.
        var rawCount: Int
        /// The walk's first answer: its `total` is what the walk expects to deliver.
        var isFirst: Bool
        /// Its rows that did not decode (not yet reported).
        var skipped: [Skipped] = []
    }

    static let totalCap = 1 << 40

    let filters: [WhereClause]
    private(set) var cursor: Int?
    private(set) var isFinished = false
    private var answered = 0
    /// Undecodable rows without an id at the end of the last page: the next page starts with
    /// them again (the cursor could not pass them), and they were reported already.
    private var carriedUnreadable = 0

    init(filters: [WhereClause], after cursor: Int? = nil) {
        self.filters = filters
        self.cursor = cursor
    }

    /// The next page, or `nil` after the last one.
    mutating func next(from client: QTicketsClient) async throws -> Page? {
        guard !isFinished else { return nil }
        var asked = filters
        if let cursor { asked.append(.gt("id", cursor)) }
        let answer = try await client.keysetPage(where: asked)
        try PageCheck(endpoint: .orders, filters: asked, page: 1).verify(answer)
        answered += 1

        var orders: [Order] = []
        orders.reserveCapacity(answer.rows.count)
        var lastID: Int?
        var trailingUnreadable = 0
        var alreadyReported = carriedUnreadable
        var skipped: [Skipped] = []
        for row in answer.rows {
            switch row {
            case .success(let order):
                orders.append(order)
                (lastID, trailingUnreadable, alreadyReported) = (order.id, 0, 0)
            case .failure(let id, let reason):
                if let id {
                    (lastID, trailingUnreadable, alreadyReported) = (id, 0, 0)
                } else {
                    trailingUnreadable += 1
                    if alreadyReported > 0 {
                        alreadyReported -= 1
                        continue
                    }
                }
                skipped.append(Skipped(id: id, reason: reason, context: "after id \(cursor.map(String.init) ?? "(start)")"))
            }
        }
        let total = min(answer.paging?.total ?? 0, Self.totalCap)
        isFinished = answer.rows.isEmpty || total <= answer.rows.count
        if !isFinished {
            guard let lastID else { throw QTicketsError.cursorStuck(endpoint: Endpoint.orders.label, cursor: cursor, rows: answer.rows.count) }
            cursor = lastID
        } else if let lastID {
            cursor = lastID
        }
        carriedUnreadable = trailingUnreadable
        return Page(
            orders: orders, total: total, perPage: answer.paging?.perPage ?? answer.rows.count, rawCount: answer.rows.count,
            isFirst: answered == 1, skipped: skipped)
    }
}
