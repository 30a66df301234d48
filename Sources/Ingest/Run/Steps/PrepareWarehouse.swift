/// Step 1: the schema (created if missing) and the run's `running` row in `meta_job_runs`,
/// before anything is fetched: a warehouse that cannot be written fails the run at once, and a
/// run that got this far is always recorded with its final status.
struct PrepareWarehouse: Sendable {
    let context: RunContext

    func run(window: CoverageTracker.Window) async throws {
        try await context.warehouse.prepareSchema()
        try await context.warehouse.recordRun(JobRunRow(run: context, window: window, status: .running))
    }
}
