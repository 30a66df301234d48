import Foundation

extension Ingestion {
    /// What the command line (or a test) asks of one run. `now`, `runID`, `toolVersion` and
    /// `wallClock` are injected so tests can place a run in time, find its row, and step the
    /// host clock back.
    public struct Options: Sendable {
        public var sinceHours: Int
        /// `--from/--to`: a backfill of these dates (``BackfillPlan``); `sinceHours` is then
        /// ignored. A `sinceHours` longer than `INGEST_SLICE_DAYS` is a backfill as well.
        public var dates: BackfillDates?
        /// Writes nothing: the run gets a ``DryRunWarehouse``, decided once in ``Ingestion``.
        public var dryRun: Bool
        public var now: Date
        public var runID: String
        public var toolVersion: String
        /// `--wait-lock`: queue behind a run that holds the lock this long, instead of exiting
        /// at once (``RunLock``).
        public var waitLock: Duration?
        /// The host's clock, read for the versions a run stamps (``VersionClock``) and the
        /// fetch times of ticket versions.
        public var wallClock: @Sendable () -> Date
        /// Progress lines or a bar (``ProgressDisplay``); how often comes from the configuration.
        public var progress: ProgressDisplay

        public init(
            sinceHours: Int, dryRun: Bool, now: Date = Date(), runID: String = UUID().uuidString.lowercased(), toolVersion: String,
            dates: BackfillDates? = nil, waitLock: Duration? = nil, wallClock: @escaping @Sendable () -> Date = Date.init, progress: ProgressDisplay = .lines
        ) {
            self.sinceHours = sinceHours
            self.dates = dates
            self.dryRun = dryRun
            self.now = now
            self.runID = runID
            self.toolVersion = toolVersion
            self.waitLock = waitLock
            self.wallClock = wallClock
            self.progress = progress
        }
    }
}
