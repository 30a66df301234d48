import ClickHouseHTTP

extension ClickHouseWarehouse {
    /// Rows per INSERT into the staging table (an organiser has thousands of shows, not millions).
    static let inventoryInsertRows = 20_000

    /// Replaces the inventory table with `rows` plus the current rows of `keepingShows`,
    /// atomically (``InventorySwap``). Restartable: it begins from a fresh staging table, and a
    /// failure leaves the table as it was. Returns the rows the table holds now.
    public func replaceInventory(with rows: [InventoryRow], keepingShows: [UInt64]) async throws -> Int {
        let swap = InventorySwap(sql: sql, runTag: runTag)
        try await withStage(create: swap.createStage, drop: swap.dropStage, named: "the inventory staging table") {
            // A re-sent insert adds the same rows again: the stage's merge keeps one per show.
            for start in stride(from: 0, to: rows.count, by: Self.inventoryInsertRows) {
                var writer = RowBinaryWriter()
                for row in rows[start..<min(start + Self.inventoryInsertRows, rows.count)] {
                    try writer.write(row, validate: start == 0)
                }
                try await insert(swap.insertRows, body: writer.buffer, compression: batching.compression, named: "the inventory staging rows")
            }
            if !keepingShows.isEmpty { try await execute(swap.keepPrevious(showIDs: keepingShows), named: "the kept inventory rows") }
            try await execute(swap.mergeStage, named: "the inventory stage's merge")
            try await execute(swap.replaceTable, named: "the inventory swap")
        }
        let counts = try await self.rows(of: swap.countRows, named: "the inventory row count") { $0["inventory_rows"].flatMap { Int($0) } }
        return counts.first ?? 0
    }
}
