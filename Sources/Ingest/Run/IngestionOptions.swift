import Foundation

extension Ingestion {
    /// What the command line (or a test) asks of one run. `now`, `runID` and `toolVersion` are
    /// injected so tests can place a run in time and find its row.
    public struct Options: Sendable {
        public var sinceHours: Int
        /// Writes nothing: the run gets a ``DryRunWarehouse``, decided once in ``Ingestion``.
        public var dryRun: Bool
        public var now: Date
        public var runID: String
        public var toolVersion: String
        /// Progress lines or a bar (``ProgressDisplay``); how often comes from the configuration.
        public var progress: ProgressDisplay

        public init(
            sinceHours: Int, dryRun: Bool, now: Date = Date(), runID: String = UUID().uuidString.lowercased(), toolVersion: String,
            progress: ProgressDisplay = .lines
        ) {
            self.sinceHours = sinceHours
            self.dryRun = dryRun
            self.now = now
            self.runID = runID
            self.toolVersion = toolVersion
            self.progress = progress
        }
    }
}
