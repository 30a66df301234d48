/// Receives what the client does, for metrics and the run summary (the ingester's metrics actor
/// conforms). Calls are awaited inline, so implementations should be quick.
public protocol QTicketsObserver: Sendable {
    /// Every attempt, first or retry; `status` is `nil` when no answer arrived.
    func requestCompleted(endpoint: String, status: Int?, attempt: Int, duration: Duration) async
    /// A retry is about to wait `wait` after attempt `attempt` failed.
    func retryScheduled(endpoint: String, status: Int?, attempt: Int, wait: Duration) async
    /// A row that did not decode was skipped; `id` when it was readable.
    func recordSkipped(endpoint: String, id: Int?, reason: String) async
    /// An answer arrived: its body as sent (`wireBytes`, compressed when gzip) and as read.
    func responseReceived(endpoint: String, wireBytes: Int, bodyBytes: Int) async
}

extension QTicketsObserver {
    /// Observers that do not count bytes need not implement it.
    public func responseReceived(endpoint: String, wireBytes: Int, bodyBytes: Int) async {}
}
