import ClickHouseHTTP

extension ClickHouseWarehouse {
    /// Rows per INSERT into the staging table (an organiser has thousands of shows, not millions).
    static let inventoryInsertRows = 20_000

    /// Replaces the inventory table with `rows` plus the current rows of `keepingShows`,
    /// atomically (``InventorySwap``). Restartable: it begins from a fresh staging table, and a
    /// failure leaves the table as it was. Returns the rows the table holds now.
    public func replaceInventory(with rows: [InventoryRow], keepingShows: [UInt64]) async throws -> Int {
        let swap = InventorySwap(sql: sql, runTag: runTag)
        try await client.execute(swap.dropStage)
        do {
            try await client.execute(swap.createStage)
            for start in stride(from: 0, to: rows.count, by: Self.inventoryInsertRows) {
                var writer = RowBinaryWriter()
                for row in rows[start..<min(start + Self.inventoryInsertRows, rows.count)] {
                    try writer.write(row, validate: start == 0)
                }
                try await client.insert(sql: swap.insertRows, body: writer.buffer, compression: batching.compression)
            }
            if !keepingShows.isEmpty { try await client.execute(swap.keepPrevious(showIDs: keepingShows)) }
            try await client.execute(swap.mergeStage)
            try await client.execute(swap.replaceTable)
        } catch {
            try? await client.execute(swap.dropStage)
            throw error
        }
        try await client.execute(swap.dropStage)
        let counts = try await self.rows(of: swap.countRows, named: "the inventory row count") { $0["inventory_rows"].flatMap { Int($0) } }
        return counts.first ?? 0
    }
}
