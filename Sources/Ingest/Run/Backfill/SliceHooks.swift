import Foundation

/// Where a backfill slice's steps meet its neighbours (``SliceHandoff``): three points inside
/// ``IngestionRun/loadAndRecompute(_:events:from:to:coveredSince:completeDays:slice:window:skippedMark:hooks:)``.
/// A run that is not a slice has none (``none``).
struct SliceHooks: Sendable {
    /// The listing is read, the rows are not all written yet: the older slice may start
    /// fetching (with the window this one covers and what its listing held).
    var fetched: @Sendable (_ sales: SalesPipeline.Result, _ window: CoverageTracker.Window) async -> Void = { _, _ in }
    /// Before this slice's first completion by payment time: until the newer slice's rows are
    /// written, so that the completion's stored-state look-ups see them.
    var beforeCompletions: @Sendable () async -> Void = {}
    /// This slice's rows are written; before its recompute. Throws when the newer slice failed.
    var beforeRecompute: @Sendable () async throws -> Void = {}

    static let none = SliceHooks()
}
