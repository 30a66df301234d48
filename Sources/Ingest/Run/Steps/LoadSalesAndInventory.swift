import Foundation
import QTicketsAPI

/// Step 3: sales and inventory at once, into the run's two sinks.
///
/// The orders changed since `from` become ticket rows (``SalesPipeline``) while the pollable
/// shows' seats become inventory rows (``InventorySnapshot``); every request of both goes
/// through the client's one rate-limiting actor. Whatever happens, both sinks are flushed
/// before the step returns or throws.
struct LoadSalesAndInventory: Sendable {
    struct Loaded: Sendable {
        /// Days whose daily facts must be recomputed.
        var touchedDays: Set<UInt16>
        /// Ticket rows written (as the sink counts them).
        var ticketRows: Int
        var inventoryRows: Int
        /// When the sales step's re-check began: the end of the window the run loaded.
        var recheckStart: Date
    }

    let context: RunContext

    func run(events: [Event], from: Date, coveredSince: Date) async throws -> Loaded {
        let sales = SalesPipeline(context: context)
        let inventory = InventorySnapshot(context: context)
        enum Output: Sendable { case sales(SalesPipeline.Result), inventory(Int) }
        var salesResult: SalesPipeline.Result?
        var inventoryRows = 0
        var pipelineError: (any Error)?
        do {
            try await withThrowingTaskGroup(of: Output.self) { group in
                group.addTask { .sales(try await sales.run(events: events, from: from, coveredSince: coveredSince)) }
                group.addTask { .inventory(try await inventory.run(events: events)) }
                for try await output in group {
                    switch output {
                    case let .sales(value): salesResult = value
                    case let .inventory(count): inventoryRows = count
                    }
                }
            }
        } catch {
            pipelineError = error
        }
        let (tickets, inventoryFlush) = await flush()
        if let pipelineError { throw pipelineError }
        let ticketRows = try tickets.get()
        _ = try inventoryFlush.get()
        guard let salesResult else { throw CancellationError() }
        return Loaded(
            touchedDays: salesResult.touchedDays, ticketRows: ticketRows, inventoryRows: inventoryRows,
            recheckStart: salesResult.recheckStart ?? context.options.now)
    }

    /// Flushes whatever is buffered, even after a failure or a signal: outside the cancelled
    /// task, so in-flight batches are written (they are idempotent) or their loss is reported.
    private func flush() async -> (Result<Int, any Error>, Result<Int, any Error>) {
        let tickets = context.tickets
        let inventory = context.inventory
        return await Task {
            async let ticketRows = Self.capture { try await tickets.finish() }
            async let inventoryRows = Self.capture { try await inventory.finish() }
            return await (ticketRows, inventoryRows)
        }.value
    }

    private static func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
