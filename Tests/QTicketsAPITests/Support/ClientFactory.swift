import ClientSupport
import Foundation
import Logging
@testable import QTicketsAPI

/// Builds clients over a scripted transport and a virtual clock.
struct ClientFactory {
    static let token = "s3cr3t-T0KEN-value-never-logged"

    let clock = TestClock()
    let logs = CapturedLogs()
    let observer = RecordingObserver()

    func client(
        _ transport: ScriptedTransport, rps: Double = 1000, burst: Int = 1000, concurrency: Int = 4,
        retry: Backoff = QTicketsConfiguration.defaultRetry, prefetch: Int? = nil
    ) throws -> QTicketsClient {
        var configuration = QTicketsConfiguration(
            baseURL: try ServiceURL("https://qtickets.test/api/rest/v1"), token: Secret(Self.token), requestsPerSecond: rps, burst: burst,
            concurrency: concurrency, retry: retry)
        if let prefetch { configuration.prefetchPages = prefetch }
        return try QTicketsClient(
            configuration: configuration, transport: transport, logger: logs.logger(), observer: observer, clock: clock,
            random: { 0.5 })
    }

    /// Asserts that the token appears in no log line.
    var tokenLeaked: Bool {
        logs.all.contains { $0.rendered.contains(Self.token) }
    }
}

/// A JSON order row as the API renders it.
func orderJSON(_ id: Int, price: String = "100.50") -> String {
    """
    {"id":\(id),"uniqid":"u\(id)","payed":true,"payed_at":"2025-11-03T10:00:00+03:00","event_id":1,"price":\(price),\
    "utm":[],"baskets":[{"id":\(id * 10),"show_id":5,"price":\(price),"quantity":1,"deleted_at":null,"refunded_at":null}],\
    "created_at":"2025-11-03T09:59:00+03:00","updated_at":"2025-11-03T10:00:00+03:00","deleted_at":null}
    """
}

func listJSON(rows: [String], perPage: Int, page: Int, total: Int) -> String {
    #"{"data":[\#(rows.joined(separator: ","))],"paging":{"perPage":\#(perPage),"currentPage":\#(page),"total":\#(total)}}"#
}

/// A JSON event row as the API renders it (no shows, a city).
func eventJSON(_ id: Int, deleted: Bool = false) -> String {
    let deletedAt = deleted ? #""2025-11-01T10:00:00+03:00""# : "null"
    return #"{"id":\#(id),"name":"Event \#(id)","is_active":1,"city":{"id":1,"name":"Москва"},"shows":[],"deleted_at":\#(deletedAt)}"#
}

/// A JSON order row with a chosen `updated_at`, for keyset answers.
func orderJSON(_ id: Int, updatedAt: String) -> String {
    orderJSON(id).replacingOccurrences(of: #""updated_at":"2025-11-03T10:00:00+03:00""#, with: #""updated_at":"\#(updatedAt)""#)
}
