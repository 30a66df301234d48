import QTicketsAPI

/// Step 3, inventory: the seats of every pollable show (live, not finished) → one inventory row
/// per show → the inventory sink.
struct InventorySnapshot: Sendable {
    let context: RunContext

    /// Returns how many rows went to the sink.
    func run(events: [Event]) async throws -> Int {
        let shows = InventoryTransform.pollableShows(of: events, now: context.options.now)
        guard !shows.isEmpty else {
            context.logger.warning("Inventory snapshot skipped", metadata: ["reason": "the API exposed no show ids to poll", "events": "\(events.count)"])
            return 0
        }
        let written = try await context.metrics.measure("inventory") { try await poll(shows) }
        context.logger.info("Inventory snapshot taken", metadata: ["shows": "\(written)"])
        return written
    }

    /// Fans out per show; the rate-limiting actor inside the client keeps the real pace, the
    /// width only keeps the number of waiting tasks small. A show whose seats are not found is
    /// skipped (counted), not fatal.
    private func poll(_ shows: [(event: Event, show: Show)]) async throws -> Int {
        let width = max(1, context.configuration.apiConcurrency * 2)
        let context = self.context
        var written = 0
        try await withThrowingTaskGroup(of: InventoryRow?.self) { group in
            var pending = shows[...]
            func startNext() {
                guard let (event, show) = pending.popFirst() else { return }
                group.addTask {
                    do {
                        let seats = try await context.api.seats(showID: show.id)
                        return try InventoryTransform.row(event: event, show: show, seats: seats, snapshotAt: context.options.now)
                    } catch let error as QTicketsError where error.isNotFound {
                        context.logger.warning("Seats not found for show; inventory row skipped", metadata: ["show_id": "\(show.id)"])
                        await context.metrics.add("inventory_shows_not_found")
                        return nil
                    }
                }
            }
            for _ in 0..<width { startNext() }
            while let row = try await group.next() {
                if let row {
                    try await context.inventory.append(row)
                    written += 1
                }
                startNext()
            }
        }
        return written
    }
}
