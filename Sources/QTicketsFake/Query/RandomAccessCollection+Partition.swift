extension RandomAccessCollection {
    /// The first index whose element satisfies `predicate`, for a collection partitioned as
    /// false...false true...true (binary search); `endIndex` when none does.
    func partitioningIndex(where predicate: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if try predicate(self[mid]) {
                count = half
            } else {
                low = index(after: mid)
                count -= half + 1
            }
        }
        return low
    }
}
