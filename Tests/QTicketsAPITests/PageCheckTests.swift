import Foundation
import Testing
@testable import QTicketsAPI

/// Every answer is held to its request: a listing that got something else than it asked stops
/// with `the API ignored the request filters`, naming what was asked and what came back.
@Suite struct PageCheckTests {
    static let from = QTicketsTimestamp.parse("2025-11-03T00:00:00+03:00")!
    static let window = KeysetRange(column: "updated_at", from: from).filters(timeZone: WhereClause.moscow)

    /// The listing's error, or nil when it went through.
    func failure(_ transport: ScriptedTransport, filters: [WhereClause] = window) async -> QTicketsError? {
        do {
            for try await _ in try ClientFactory().client(transport).orders(where: filters) {}
            return nil
        } catch {
            return error as? QTicketsError
        }
    }

    @Test func anotherCurrentPageFailsTheListing() async throws {
        let transport = ScriptedTransport { _, _ in
            .json(200, #"{"data":[\#(orderJSON(5))],"paging":{"perPage":50,"currentPage":2,"total":1}}"#)
        }
        let error = try #require(await failure(transport))
        #expect(error == .filtersIgnored(
            endpoint: "orders", asked: "orders where updated_at >= 2025-11-03T00:00:00+03:00, page 1", got: "currentPage 2"))
        #expect("\(error)".hasPrefix("the API ignored the request filters on orders"))
    }

    @Test func aRowBeforeTheWindowFailsTheListing() async throws {
        let transport = ScriptedTransport { _, _ in
            .json(200, listJSON(rows: [orderJSON(5), orderJSON(6, updatedAt: "2025-11-02T23:59:59+03:00")], perPage: 50, page: 1, total: 2))
        }
        let error = try #require(await failure(transport))
        guard case .filtersIgnored(_, _, let got) = error else { throw error }
        #expect(got == "row id 6 with updated_at 2025-11-02T23:59:59+03:00, outside updated_at >= 2025-11-03T00:00:00+03:00")
    }

    @Test func aRowAtOrBeforeTheCursorFailsTheListing() async throws {
        // Page 2 (after id 2) starts again from the beginning: the cursor was ignored.
        let transport = ScriptedTransport { _, index in
            .json(200, listJSON(rows: [orderJSON(1), orderJSON(2)], perPage: 2, page: 1, total: index == 0 ? 4 : 2))
        }
        let error = try #require(await failure(transport))
        guard case .filtersIgnored(_, let asked, let got) = error else { throw error }
        #expect(asked.hasSuffix("and id > 2, page 1"))
        #expect(got == "row id 1 with id 1, outside id > 2")
        #expect(transport.requests.count == 2)
    }

    @Test func rowsOutOfIdOrderFailTheListing() async throws {
        let transport = ScriptedTransport { _, _ in .json(200, listJSON(rows: [orderJSON(9), orderJSON(4)], perPage: 50, page: 1, total: 2)) }
        let error = try #require(await failure(transport))
        guard case .filtersIgnored(_, _, let got) = error else { throw error }
        #expect(got == "row id 4 after id 9: not in ascending id order")
    }

    @Test func anAnswerWithoutPagingFailsTheListing() async throws {
        let transport = ScriptedTransport { _, _ in .json(200, #"{"data":[\#(orderJSON(5))]}"#) }
        let error = try #require(await failure(transport))
        guard case .filtersIgnored(_, _, let got) = error else { throw error }
        #expect(got == "an answer without paging")
    }

    @Test func aPageWithoutAReadableIDFailsNamingTheCursorInsteadOfLooping() async throws {
        // After id 2 the server has three orders left, whose ids nobody can read.
        let unreadable = #"{"id":18446744073709551616,"event_id":1,"payed":true,"price":1,"baskets":[]}"#
        let transport = ScriptedTransport { _, index in
            index == 0
                ? .json(200, listJSON(rows: [orderJSON(1), orderJSON(2)], perPage: 2, page: 1, total: 5))
                : .json(200, listJSON(rows: [unreadable, unreadable], perPage: 2, page: 1, total: 3))
        }
        let error = try #require(await failure(transport))
        #expect(error == .cursorStuck(endpoint: "orders", cursor: 2, rows: 2))
        #expect("\(error)".contains("after id 2"))
        #expect(transport.requests.count == 2)
    }

    @Test func theEventsListingIsHeldToItsRequestToo() async throws {
        // A deleted event in a `deleted_at null` listing; then page 2 answered as page 1.
        let deleted = ScriptedTransport { _, _ in .json(200, listJSON(rows: [eventJSON(1), eventJSON(2, deleted: true)], perPage: 10, page: 1, total: 2)) }
        await #expect(throws: QTicketsError.filtersIgnored(
            endpoint: "events", asked: "events where deleted_at null, page 1",
            got: "row id 2 with deleted_at 2025-11-01T10:00:00+03:00, outside deleted_at null")) {
            for try await _ in try ClientFactory().client(deleted).events() {}
        }
        let firstPageAlways = ScriptedTransport { _, _ in .json(200, listJSON(rows: (1...10).map { eventJSON($0) }, perPage: 10, page: 1, total: 25)) }
        do {
            for try await _ in try ClientFactory().client(firstPageAlways).events() {}
            Issue.record("page 1 taken for page 2")
        } catch let QTicketsError.filtersIgnored(_, asked, got) {
            #expect(asked.hasSuffix(", page 2") && got == "currentPage 1")
        }
        // An `id in` lookup answered with other events.
        let others = ScriptedTransport { _, _ in .json(200, listJSON(rows: [eventJSON(7)], perPage: 10, page: 1, total: 1)) }
        await #expect(throws: QTicketsError.self) {
            for try await _ in try ClientFactory().client(others).events(where: [.in("id", [1, 2])]) {}
        }
    }

    @Test func clausesAreEvaluatedAsTheDatabaseDoes() {
        let bound = WhereClause.ge("updated_at", Self.from.addingTimeInterval(0.7))  // rendered without the fraction
        #expect(bound.admits(.date(Self.from)) == true)
        #expect(bound.admits(.date(Self.from.addingTimeInterval(-1))) == false)
        #expect(bound.admits(.null) == false)
        #expect(WhereClause.lt("payed_at", Self.from).admits(.date(Self.from)) == false)
        #expect(WhereClause.isNull("deleted_at").admits(.null) == true)
        #expect(WhereClause.isNull("deleted_at").admits(.date(Self.from)) == false)
        #expect(WhereClause.gt("id", 41).admits(.int(42)) == true)
        #expect(WhereClause.gt("id", 41).admits(.int(41)) == false)
        #expect(WhereClause.in("id", [1, 2]).admits(.int(3)) == false)
        #expect(WhereClause.eq("payed", true).admits(.bool(true)) == true)
        #expect(WhereClause.eq("uniqid", "x").admits(.int(1)) == nil)  // cannot tell: not checked
    }
}
