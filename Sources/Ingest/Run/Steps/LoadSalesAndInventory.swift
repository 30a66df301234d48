import Foundation
import QTicketsAPI

/// Step 3: sales and inventory at once.
///
/// The orders changed since `from` become ticket rows (``SalesPipeline``) while the pollable
/// shows' seats become inventory rows (``InventorySnapshot``); every request of both goes
/// through the client's one rate-limiting actor. Whatever happens, the ticket sink is flushed
/// before the step returns or throws. A complete inventory snapshot then replaces the
/// inventory table atomically, keeping the previous rows of the shows whose seats failed.
struct LoadSalesAndInventory: Sendable {
    struct Loaded: Sendable {
        /// Days whose daily facts must be recomputed.
        var touchedDays: Set<UInt16>
        /// Ticket rows written (as the sink counts them).
        var ticketRows: Int
        /// Rows the inventory table holds now.
        var inventoryRows: Int
        /// Shows whose seats could not be fetched: their previous rows were kept, the run fails.
        var failedShows: [(showID: Int, error: String)]
        /// When the sales step's re-check began: the end of the window the run loaded.
        var recheckStart: Date
        /// Days complete by payment time now (``SalesPipeline/Result/completeDays``).
        var completeDays: Set<UInt16>
    }

    let context: RunContext

    /// `to`: the upper bound of a backfill's older slice (``SalesPipeline``); `inventory`: the
    /// inventory snapshot to swap in too (once per run: a backfill's newest slice), taken while
    /// from the run's start (``RunPrefetch``), or `nil`.
    /// `fetched`: once everything is read and before the ticket sink is flushed (a backfill's
    /// older slice starts fetching there, ``SliceHandoff``); not called after a failure.
    /// `beforeCompletions`: ``SliceHooks/beforeCompletions``.
    func run(
        events: [Event], from: Date, to: Date? = nil, coveredSince: Date, complete: Set<UInt16> = [], slice: SliceDays = .none,
        inventory: (@Sendable () async throws -> InventorySnapshot.Result)?, beforeCompletions: @escaping @Sendable () async -> Void = {},
        fetched: (SalesPipeline.Result) async -> Void = { _ in }
    ) async throws -> Loaded {
        let sales = SalesPipeline(context: context)
        let takesInventory = inventory != nil
        enum Output: Sendable { case sales(SalesPipeline.Result), inventory(InventorySnapshot.Result) }
        var salesResult: SalesPipeline.Result?
        // Without the inventory, an empty snapshot: nothing failed, nothing is swapped.
        var snapshot: InventorySnapshot.Result? = takesInventory ? nil : InventorySnapshot.Result()
        var pipelineError: (any Error)?
        do {
            try await withThrowingTaskGroup(of: Output.self) { group in
                group.addTask {
                    .sales(try await sales.run(
                        events: events, from: from, to: to, coveredSince: coveredSince, complete: complete, slice: slice,
                        beforeCompletions: beforeCompletions))
                }
                if let inventory { group.addTask { .inventory(try await inventory()) } }
                for try await output in group {
                    switch output {
                    case let .sales(value): salesResult = value
                    case let .inventory(value):
                        InventorySnapshot(context: context).log(value)
                        snapshot = value
                    }
                }
            }
        } catch {
            pipelineError = error
        }
        if pipelineError == nil, let salesResult { await fetched(salesResult) }
        let tickets = await flushTickets()
        var inventoryRows = 0
        if let snapshot, takesInventory, !Task.isCancelled {
            do {
                inventoryRows = try await replaceInventory(with: snapshot)
            } catch where pipelineError != nil {
                context.logger.error("Could not replace the inventory", metadata: ["error": "\(error)"])
            }
        }
        if let pipelineError { throw pipelineError }
        let ticketRows = try tickets.get()
        guard let salesResult, let snapshot else { throw CancellationError() }
        return Loaded(
            touchedDays: salesResult.touchedDays, ticketRows: ticketRows, inventoryRows: inventoryRows, failedShows: snapshot.failed,
            recheckStart: salesResult.recheckStart ?? to ?? context.options.now, completeDays: salesResult.completeDays)
    }

    /// The live shows' rows, plus the previous rows of the shows that failed; one version for
    /// the snapshot, this run's (every row of it was polled by this run).
    private func replaceInventory(with unstamped: InventorySnapshot.Result) async throws -> Int {
        let snapshot = unstamped.stamped(version: context.versions.next())
        let kept = snapshot.failed.map { UInt64(clamping: $0.showID) }
        let rows = try await context.metrics.measure("inventory_swap") {
            try await context.warehouse.replaceInventory(with: snapshot.rows, keepingShows: kept)
        }
        await context.metrics.rowsWritten(snapshot.rows.count, table: InventoryRow.table.name)
        return rows
    }

    /// Flushes whatever is buffered, even after a failure or a signal: outside the cancelled
    /// task, so in-flight batches are written (they are idempotent) or their loss is reported;
    /// after a signal within a third of the shutdown grace (``Uncancelled``).
    private func flushTickets() async -> Result<Int, any Error> {
        let tickets = context.tickets
        do {
            return .success(try await Uncancelled.run(within: Uncancelled.bound(graceSeconds: context.configuration.shutdownGraceSeconds)) {
                try await tickets.finish()
            })
        } catch {
            return .failure(error)
        }
    }
}
