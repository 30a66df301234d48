import Foundation

/// Holds a list answer to what was asked: the page number, id order, and every `where` clause
/// on every row.
///
/// An API that ignores the request body answers page 1 of the unfiltered listing whatever was
/// asked; the earlier Python loader took such answers for months and counted them as data. Here
/// the first row or page number that disagrees with the request stops the listing with
/// ``QTicketsError/filtersIgnored(endpoint:asked:got:)``, before any of its rows is used.
struct PageCheck: Sendable {
    let endpoint: Endpoint
    let filters: [WhereClause]
    let page: Int
    /// Each filter's date bound as the API reads it, taken once: every row of every page is
    /// checked against it (rendering and parsing it per row cost a tenth of a backfill's CPU).
    private let readings: [Date?]

    init(endpoint: Endpoint, filters: [WhereClause], page: Int) {
        self.endpoint = endpoint
        self.filters = filters
        self.page = page
        self.readings = filters.map(\.apiReading)
    }

    /// What was asked, for the error: `orders where updated_at >= … and id > 41, page 1`.
    var asked: String {
        endpoint.label + (filters.isEmpty ? "" : " where " + filters.map(\.summary).joined(separator: " and ")) + ", page \(page)"
    }

    func verify<T: FilterableRow>(_ answer: ListPage<T>) throws(QTicketsError) {
        guard let paging = answer.paging else { throw ignored("an answer without paging") }
        guard paging.currentPage == page else { throw ignored("currentPage \(paging.currentPage)") }
        var previous: Int?
        // By index: each row is checked where it lies (an iterator hands out copies, an order's
        // arrays and strings retained and released again).
        for index in answer.rows.indices {
            let id: Int?
            switch answer.rows[index] {
            case .success(let value):
                id = value.id
                try check { value.filterValue($0) }
            case .failure(let failedID, _):
                id = failedID
                if let failedID { try check { $0 == "id" ? .int(failedID) : nil } }
            }
            guard let id else { continue }
            if let previous, id <= previous { throw ignored("row id \(id) after id \(previous): not in ascending id order") }
            previous = id
        }
    }

    private func check(_ value: (String) -> FilterValue?) throws(QTicketsError) {
        for (clause, reading) in zip(filters, readings) {
            guard let field = value(clause.column), clause.admits(field, reading: reading) == false else { continue }
            let id = value("id").map { $0.summary(in: .gmt) } ?? "?"
            throw ignored("row id \(id) with \(clause.column) \(field.summary(in: zone(of: clause))), outside \(clause.summary)")
        }
    }

    private func zone(of clause: WhereClause) -> TimeZone {
        if case .date(_, let zone) = clause.value { return zone }
        return WhereClause.moscow
    }

    private func ignored(_ got: String) -> QTicketsError {
        .filtersIgnored(endpoint: endpoint.label, asked: asked, got: got)
    }
}
