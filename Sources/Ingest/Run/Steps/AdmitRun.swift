/// Step 0, before anything is written: the warehouse's time zone is read (a run with another
/// `TZ` refuses here and leaves no trace), then the run lock is taken (``RunLock``: a second
/// run refuses here). A dry run writes nothing and takes no lock.
struct AdmitRun: Sendable {
    let context: RunContext

    /// The held lock (`nil` in a dry run), or throws ``TimeZoneMismatch`` or ``RunLockError``.
    /// `prefetch` starts once this host's `flock` is held, while the lease is claimed.
    func run(loss: LockLoss, prefetch: RunPrefetch? = nil) async throws -> RunLock? {
        guard let lease = context.warehouse.lease else { return nil }
        try await context.timeZoneCheck.verify(context.warehouse)
        let configuration = context.configuration
        let settings = RunLockSettings(
            database: configuration.clickHouseDatabase, organiser: configuration.organiserName,
            clickHouseURL: configuration.clickHouseURL.description,
            directory: configuration.lockDirectory ?? RunLockSettings.defaultDirectory(),
            ttlSeconds: configuration.lockTTLSeconds, wait: context.options.waitLock, runID: context.options.runID)
        return try await RunLock.acquire(settings, lease: lease, logger: context.logger, loss: loss) { [context] in prefetch?.start(context) }
    }
}
