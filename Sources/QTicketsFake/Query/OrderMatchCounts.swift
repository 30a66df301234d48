/// How many orders match a `where` before any index, so that a keyset page can say how many
/// rows its filter selects (`paging.total`, counted from the cursor on) without a scan of all
/// of them per page: a running count per block of 1,024 indices, built with one scan per
/// distinct filter; a count then reads one entry and scans at most one block.
struct OrderMatchCounts: Sendable {
    static let block = 1_024
    /// `prefix[k]`: matches among indices `< k × block`.
    private let prefix: [Int]

    init(_ scan: OrderScan) {
        let n = scan.store.count
        var perBlock = [Int](repeating: 0, count: n / Self.block + 1)
        scan.forEachMatch(in: 0..<n) { i in
            perBlock[i / Self.block] += 1
            return true
        }
        var prefix = [0]
        prefix.reserveCapacity(perBlock.count + 1)
        for count in perBlock { prefix.append((prefix.last ?? 0) + count) }
        self.prefix = prefix
    }

    /// Matches among the indices `< position` (`position` within `0...store.count`).
    func matches(before position: Int, _ scan: OrderScan) -> Int {
        let k = position / Self.block
        var count = prefix[k]
        scan.forEachMatch(in: (k * Self.block)..<position) { _ in
            count += 1
            return true
        }
        return count
    }
}
