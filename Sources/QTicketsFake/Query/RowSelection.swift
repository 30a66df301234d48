/// The rows a listing selected, in the requested order, without copying them: a window of a
/// (cached) index array, read backwards for `orderBy {"id":"desc"}`.
struct RowSelection {
    let indices: [Int32]
    let range: Range<Int>
    let descending: Bool

    init(_ indices: [Int32], range: Range<Int>? = nil, descending: Bool = false) {
        self.indices = indices
        self.range = range ?? indices.indices
        self.descending = descending
    }

    var count: Int { range.count }

    /// The row index at `position` (0-based) of the requested order.
    subscript(position: Int) -> Int {
        Int(descending ? indices[range.upperBound - 1 - position] : indices[range.lowerBound + position])
    }

    /// `indices` ascending by `id(row)`: the window whose ids lie in `ids`, by binary search.
    static func window(of indices: [Int32], ids: IDRange, descending: Bool, id: (Int) -> Int) -> RowSelection {
        let start = indices.partitioningIndex { id(Int($0)) >= ids.lower }
        let end = ids.upper == .max ? indices.count : indices.partitioningIndex { id(Int($0)) > ids.upper }
        return RowSelection(indices, range: start..<max(start, end), descending: descending)
    }
}
