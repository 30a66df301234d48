import QTicketsAPI

/// Step 3, inventory: the seats of every pollable show (live, not finished) → one inventory row
/// per show, collected (one row per show: thousands, not millions) for the swap.
///
/// A show whose seats cannot be fetched (5xx, timeouts, after the client's retries) is caught
/// here, per show: it never cancels the sales loading beside it. Its previous row is kept by
/// the swap and the run ends `error` naming it (``LoadSalesAndInventory``).
struct InventorySnapshot: Sendable {
    struct Result: Sendable {
        /// Version 0 until ``stamped(version:)``.
        var rows: [InventoryRow] = []
        /// Shows whose seats could not be fetched, with why.
        var failed: [(showID: Int, error: String)] = []
        /// The events it was taken of, and the pollable shows among them.
        var events = 0
        var polled = 0

        /// The rows with the version of the swap that writes them: the snapshot may be taken
        /// before the run's version clock is seeded from the warehouse (``RunPrefetch``), and a
        /// version from an unseeded clock could lose to an older stored row.
        func stamped(version: UInt64) -> Result {
            var result = self
            for index in result.rows.indices { result.rows[index].version = version }
            return result
        }
    }

    let context: RunContext

    /// The snapshot; ``log(_:)`` says what it holds once the run takes it (a snapshot taken
    /// before the lock was held, by a run then refused, says nothing: ``RunPrefetch``).
    func run(events: [Event]) async throws -> Result {
        let shows = InventoryTransform.pollableShows(of: events, now: context.options.now)
        guard !shows.isEmpty else { return Result(events: events.count) }
        var result = try await context.metrics.measure("inventory") { try await poll(shows) }
        result.events = events.count
        result.polled = shows.count
        return result
    }

    /// The snapshot's line: taken (how many shows, how many failed), or skipped for want of shows.
    func log(_ result: Result) {
        guard result.polled > 0 else {
            context.logger.warning("Inventory snapshot skipped", metadata: ["reason": "the API exposed no show ids to poll", "events": "\(result.events)"])
            return
        }
        context.logger.info("Inventory snapshot taken", metadata: ["shows": "\(result.rows.count)", "failed": "\(result.failed.count)"])
    }

    /// Fans out per show; the rate-limiting actor inside the client keeps the real pace, the
    /// width only keeps the number of waiting tasks small. A show whose seats are not found is
    /// skipped (counted): it is gone.
    private func poll(_ shows: [(event: Event, show: Show)]) async throws -> Result {
        enum Outcome: Sendable { case row(InventoryRow), notFound, failed(Int, String) }
        let width = max(1, context.configuration.apiConcurrency * 2)
        let context = self.context
        var result = Result()
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var pending = shows[...]
            func startNext() {
                guard let (event, show) = pending.popFirst() else { return }
                group.addTask {
                    do {
                        let seats = try await context.api.seats(showID: show.id)
                        return .row(try InventoryTransform.row(
                            event: event, show: show, seats: seats, snapshotAt: context.options.now, version: 0))
                    } catch let error as QTicketsError where error.isNotFound {
                        context.logger.warning("Seats not found for show; inventory row skipped", metadata: ["show_id": "\(show.id)"])
                        await context.metrics.add("inventory_shows_not_found")
                        return .notFound
                    } catch {
                        if error is CancellationError || Task.isCancelled { throw error }
                        context.logger.error("Seats of a show could not be fetched; its previous inventory row is kept", metadata: [
                            "show_id": "\(show.id)", "error": "\(error)",
                        ])
                        await context.metrics.add("inventory_shows_failed")
                        return .failed(show.id, "\(error)")
                    }
                }
            }
            for _ in 0..<width { startNext() }
            while let outcome = try await group.next() {
                switch outcome {
                case .row(let row): result.rows.append(row)
                case .notFound: break
                case let .failed(id, error): result.failed.append((id, error))
                }
                startNext()
            }
        }
        return result
    }
}
