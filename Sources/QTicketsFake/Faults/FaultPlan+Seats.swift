extension FaultPlan {
    /// How `shows/{id}/seats` fails for a chosen show: every time, whatever the retries.
    public enum SeatFailure: String, Sendable, Codable, CaseIterable {
        /// `503 {"error":"Unknown error",...}`.
        case status503 = "503"
        /// No answer at all: the connection stays open until the client gives up.
        case timeout
    }
}
