/// One page of a listing: `{"data":[...],"paging":{"perPage":P,"currentPage":N,"total":T}}`.
struct ListPage {
    let selection: RowSelection
    let perPage: Int
    let page: Int
    /// What `paging.total` says: the selection's count, unless a fault lies about it.
    var totalLiteral: String?
    /// Positions of the selection on this page.
    let rows: Range<Int>
    let total: Int

    /// Page `page` of the whole `selection` (no overflow for absurd page numbers).
    init(_ selection: RowSelection, perPage: Int, page: Int) {
        self.selection = selection
        self.perPage = perPage
        self.page = page
        let (skip, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? selection.count : min(selection.count, skip)
        self.rows = start..<min(selection.count, start + perPage)
        self.total = selection.count
    }

    /// A page already cut out of a selection of `total` rows: `rows` are all of `selection`.
    init(paged selection: RowSelection, total: Int, perPage: Int, page: Int) {
        self.selection = selection
        self.perPage = perPage
        self.page = page
        self.rows = 0..<selection.count
        self.total = total
    }

    /// Renders the page; `row` writes one row given its position and row index.
    func render(rowCapacity: Int, _ row: (Int, Int, inout JSONOutput) -> Void) -> JSONOutput {
        let rows = self.rows
        var out = JSONOutput(capacity: 512 + rows.count * rowCapacity)
        out.object { out in
            out.member("data", array: rows) { out, position in row(position, selection[position], &out) }
            out.member("paging") { out in
                out.member("perPage", perPage)
                out.member("currentPage", page)
                out.member("total", raw: totalLiteral ?? String(total))
            }
        }
        return out
    }
}
