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

        public init(sinceHours: Int, dryRun: Bool, now: Date = Date(), runID: String = UUID().uuidString.lowercased(), toolVersion: String) {
            self.sinceHours = sinceHours
            self.dryRun = dryRun
            self.now = now
            self.runID = runID
            self.toolVersion = toolVersion
        }
    }
}
