import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// The fake's request log and `qtickets-bench-decode replay`, the bare-fetch reference of
/// `scripts/bench-scale.sh`: the log must hold every answered request exactly as the client
/// sent it, and the replay must send exactly the answered-200 ones again and read the same
/// answers, or the benchmark's ratio compares the run with some other work.
@Suite(.serialized) struct RequestReplayTests {
    @Test func aReplayOfTheRequestLogSendsTheSameRequestsAndReadsTheSameOrders() async throws {
        let organiser = FakeAPI.organiser(orders: 3_000)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("qtickets-requests-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        // Every 7th request fails (503) and is retried: the log holds both, the replay only the 200.
        let faults = FaultPlan(status503EveryN: 7)
        let options = FakeServerOptions(maxPerPage: 500, requestLogPath: log.path)
        try await FakeAPI.with(organiser, faults: faults, options: options) { api in
            let read = try await api.withClient(concurrency: 3, pageSize: 500) { client in
                var orders = 0
                let range = KeysetRange(column: "updated_at", from: FakeAPI.now.addingTimeInterval(-400 * 86_400))
                try await client.orderPages(in: range, splittingUntil: FakeAPI.now) { orders += $0.orders.count }
                var events = 0
                for try await _ in client.events() { events += 1 }
                var seats = 0
                for showID in organiser.showIDs.prefix(3) { seats += try await client.seats(showID: showID).count }
                let single = try #require(organiser.orders.first?.id)
                _ = try await client.order(id: single)
                return (orders: orders, events: events, seats: seats)
            }
            let served = await api.server.stats()
            let entries = try RequestLog.Entry.parse(String(contentsOf: log, encoding: .utf8))
            #expect(entries.count == served.totalRequests)
            #expect(Self.count(entries, status: 503) == served.byStatus[503])
            #expect(served.byStatus[503, default: 0] > 0)
            #expect(entries.allSatisfy { $0.method == "GET" && $0.uri.hasPrefix("/api/rest/v1/") })
            let keysetBody = String(decoding: entries.first { $0.uri == "/api/rest/v1/orders" }?.body ?? [], as: UTF8.self)
            #expect(keysetBody.contains("\"updated_at\""))  // the body as the client sent it
            let answered = Self.count(entries, status: 200)
            #expect(read.orders == organiser.orderCount)

            await api.server.setFaults(.none)
            await api.server.resetStats()
            let output = try await CommandRunner.run(
                tool: "qtickets-bench-decode", ["replay", api.server.baseURL, FakeAPI.token, log.path, "3"])
            #expect(output.status == 0, "\(output.all)")
            let fields = Self.fields(output.stdout)
            #expect(fields["requests"] == answered)
            #expect(fields["orders"] == read.orders + 1)  // the pages' orders and the single order
            #expect(fields["events"] == read.events)
            #expect(fields["seats"] == read.seats)
            let replayed = await api.server.stats()
            #expect(replayed.totalRequests == answered)
            #expect(replayed.byStatus[200] == answered)
            #expect(replayed.ordersServed == served.ordersServed)
            #expect(replayed.gzipResponses == answered)  // asked as the client asks: gzip
        }
    }

    @Test func aLoggedLineKeepsAnyBodyAndReadsBack() throws {
        let body = Array("{\"a\":\"tab\\there\"}\n\t\r\\".utf8) + [0x00]
        let entry = RequestLog.Entry(status: 200, method: "GET", uri: "/api/rest/v1/orders?x=1", body: body)
        let line = entry.line
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1 && line.last == UInt8(ascii: "\n"))
        let text = String(decoding: line.dropLast(), as: UTF8.self)
        #expect(RequestLog.Entry(line: Substring(text)) == entry)
        #expect(RequestLog.Entry(line: "200\tGET\t/x\tbad\\q") == nil)
    }

    static func count(_ entries: [RequestLog.Entry], status: Int) -> Int {
        var count = 0
        for entry in entries where entry.status == status { count += 1 }
        return count
    }

    /// `key=value` pairs of the replay's line.
    static func fields(_ line: String) -> [String: Int] {
        var fields: [String: Int] = [:]
        for pair in line.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        return fields
    }
}
