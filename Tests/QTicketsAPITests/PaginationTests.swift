import ClientSupport
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import QTicketsAPI

/// Offset paging (the events listing) against scripted answers. Orders are read by keyset
/// streams instead (`KeysetStreamTests`).
@Suite struct PaginationTests {
    /// Serves `rows()` (evaluated per request, so tests can grow the set) with a fixed perPage.
    static func server(perPage: Int, rows: @escaping @Sendable () -> [Int], claimedTotal: (@Sendable () -> Int)? = nil)
        -> ScriptedTransport
    {
        ScriptedTransport { request, _ in
            let page = request.page ?? 1
            let all = rows()
            let slice = all.dropFirst((page - 1) * perPage).prefix(perPage)
            return .json(200, listJSON(rows: slice.map { eventJSON($0) }, perPage: perPage, page: page, total: claimedTotal?() ?? all.count))
        }
    }

    func collect(_ sequence: PagedSequence<Event>) async throws -> [Int] {
        var ids: [Int] = []
        for try await event in sequence { ids.append(event.id) }
        return ids
    }

    @Test func everyPageExactlyOncePageOneFirst() async throws {
        let f = ClientFactory()
        let transport = Self.server(perPage: 50, rows: { Array(1...1234) })
        let ids = try await collect(try f.client(transport).events(where: []))
        #expect(ids == Array(1...1234))
        let pages = transport.requests.compactMap(\.page)
        #expect(pages.first == 1)
        #expect(pages.sorted() == Array(1...25))
    }

    @Test func serverChoosesAnotherPageSize() async throws {
        let f = ClientFactory()
        let transport = Self.server(perPage: 7, rows: { Array(1...50) })
        // per_page asked: 100; answered: 7.
        var c = QTicketsConfiguration(baseURL: try ServiceURL("http://x/api"), token: Secret("t"))
        c.pageSize = 100
        let client = try QTicketsClient(configuration: c, transport: transport, logger: f.logs.logger(), clock: f.clock)
        let ids = try await collect(client.events(where: []))
        #expect(ids == Array(1...50))
        #expect(transport.requests.compactMap(\.page).sorted() == Array(1...8))
        #expect(transport.requests.first?.jsonBody?["per_page"] as? Int == 100)
    }

    @Test func totalGrowsWhilePaging() async throws {
        let f = ClientFactory()
        let served = NIOLockedValueBox(0)
        // 100 rows when page 1 is served; 137 from then on (new orders land at the end).
        let transport = Self.server(perPage: 10, rows: {
            let n = served.withLockedValue { value -> Int in
                value += 1
                return value
            }
            return Array(1...(n == 1 ? 100 : 137))
        })
        let ids = try await collect(try f.client(transport).events(where: []))
        #expect(ids == Array(1...137))
        #expect(transport.requests.compactMap(\.page).sorted() == Array(1...14))
    }

    @Test func emptyPageEndsTheListing() async throws {
        let f = ClientFactory()
        // The server claims 100 rows but has 45: page 5 is short, page 6 is empty.
        let transport = Self.server(perPage: 10, rows: { Array(1...45) }, claimedTotal: { 100 })
        let ids = try await collect(try f.client(transport, prefetch: 2).events(where: []))
        #expect(ids == Array(1...45))
        let pages = transport.requests.compactMap(\.page)
        #expect(pages.contains(6))
        #expect(pages.count <= 7)  // at most the window beyond the empty page
        #expect(Set(pages).count == pages.count)
    }

    @Test func emptyFirstPage() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { _, _ in .json(200, #"{"data":[],"paging":{"perPage":50,"currentPage":1,"total":0}}"#) }
        #expect(try await collect(try f.client(transport).events(where: [])).isEmpty)
        #expect(transport.requests.count == 1)
    }

    @Test func rowsSeenTwiceAreDeliveredOnce() async throws {
        let f = ClientFactory()
        // An insert shifted the offset: page 2 repeats the last row of page 1.
        let transport = ScriptedTransport { request, _ in
            let rows = request.page == 1 ? Array(1...10) : Array(10...19)
            return .json(200, listJSON(rows: rows.map { eventJSON($0) }, perPage: 10, page: request.page ?? 1, total: 20))
        }
        #expect(try await collect(try f.client(transport).events(where: [])) == Array(1...19))
    }

    @Test func malformedOrderIsReportedAndThePageGoesOn() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { request, _ in
            var rows = (1...10).map { eventJSON($0 + ((request.page ?? 1) - 1) * 10) }
            if request.page == 2 { rows[3] = #"{"id":14,"name":"broken","shows":"n/a"}"# }
            return .json(200, listJSON(rows: rows, perPage: 10, page: request.page ?? 1, total: 30))
        }
        let ids = try await collect(try f.client(transport).events(where: []))
        #expect(ids == Array(1...30).filter { $0 != 14 })
        #expect(f.observer.skipped.map(\.id) == [14])
        #expect(f.observer.skipped.first?.endpoint == "events")
        let logged = f.logs.all.filter { $0.message == "Skipped malformed QTickets row" }
        #expect(logged.count == 1)
        #expect(logged.first?.metadata["id"] == "14")
    }

    @Test func aFailingPageFailsTheListingLoudly() async throws {
        let f = ClientFactory()
        let transport = ScriptedTransport { request, _ in
            if request.page == 3 { return .json(404, #"{"error":"Not found","status":404,"code":"RESOURCE_NOT_FOUND","info":[]}"#) }
            let page = request.page ?? 1
            return .json(200, listJSON(rows: (1...10).map { eventJSON($0 + (page - 1) * 10) }, perPage: 10, page: page, total: 50))
        }
        var ids: [Int] = []
        await #expect(throws: QTicketsError.http(endpoint: "events", status: 404, message: "Not found (RESOURCE_NOT_FOUND)")) {
            for try await event in try f.client(transport).events(where: []) { ids.append(event.id) }
        }
        #expect(ids == Array(1...20))
    }

    @Test func consumerStopsEarlyWithoutFetchingEverything() async throws {
        let f = ClientFactory()
        let transport = Self.server(perPage: 10, rows: { Array(1...10_000) })
        var count = 0
        for try await _ in try f.client(transport, prefetch: 3).events(where: []) {
            count += 1
            if count == 25 { break }
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(transport.requests.count <= 1 + 3 + 3)  // page 1, the window, and what was in flight
    }
}
