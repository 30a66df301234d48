import ClickHouseHTTP
import Foundation
import NIOCore
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// Issue 10.4: the client asks for big pages and gzip answers. Against the fake over HTTP:
/// every answer arrives gzip-encoded and is inflated to the same orders, the bytes on the wire
/// are counted apart from the bytes read, and the response size cap holds for the inflated
/// body, so a small answer that inflates past it ends as a typed error.
@Suite(.serialized) struct GzipTransportTests {
    @Test func gzipAnswersOfASmallerPageThanAskedDeliverEveryOrderOnceAndAreCountedOnTheWire() async throws {
        let organiser = FakeAPI.organiser(orders: 2_000)
        // The client asks 1,000 a page; the fake serves at most 300.
        try await FakeAPI.with(organiser, options: FakeServerOptions(maxPerPage: 300)) { api in
            let pages = try await api.withClient(concurrency: 3, pageSize: 1_000) { try await KeysetStreamTests.feed($0) }
            KeysetStreamTests.expectExactlyOnce(pages, organiser.orders.map(\.id))
            #expect(pages.allSatisfy { $0.rows <= 300 } && pages.contains { $0.rows == 300 })
            let stats = await api.server.stats()
            let served = stats.byRoute["orders"] ?? 0
            #expect(stats.gzipResponses == served && served > 0)
            let bytes = api.observer.bytesReceived
            #expect(bytes.wire == stats.bodyBytesSent, "the client counts what the server sent")
            #expect(bytes.body == stats.bodyBytesUncompressed)
            #expect(bytes.wire * 4 < bytes.body, "JSON pages shrink several times: \(bytes)")
        }
    }

    @Test func aGzipBombEndsAsResponseTooLargeAtTheInflatedLimit() async throws {
        let organiser = FakeAPI.organiser(orders: 200)
        let plan = FaultPlan(hostileOrders: .init(.hugeBody(bytes: 50_000_000)))
        try await FakeAPI.with(organiser, faults: plan) { api in
            let limit = 4 << 20
            let transport = HTTPClientTransport(maxBodyBytes: limit)
            let request = TransportRequest(
                method: "GET", url: api.server.baseURL + "/orders",
                headers: [("Authorization", "Bearer \(FakeAPI.token)"), ("Accept-Encoding", "gzip")], body: Array("{}".utf8))
            await #expect(throws: ResponseTooLarge(limit: limit)) {
                try await withCleanup { _ = try await transport.send(request, timeout: .seconds(20)) } cleanup: {
                    try await transport.shutdown()
                }
            }
            let stats = await api.server.stats()
            #expect(stats.gzipResponses == 1)
        }
    }

    @Test func aCutGzipBodyIsACorruptAnswerNotAShortOne() throws {
        let plain = ByteBuffer(string: String(repeating: "{\"data\":[]}", count: 1_000))
        let whole = try GzipCompressor(level: 6).compress(plain)
        #expect(try GzipInflater.inflate(whole, limit: 1 << 20) == ByteBuffer(string: String(repeating: "{\"data\":[]}", count: 1_000)))
        let cut = whole.getSlice(at: whole.readerIndex, length: whole.readableBytes / 2) ?? ByteBuffer()
        #expect(throws: GzipInflater.Corrupt.self) { try GzipInflater.inflate(cut, limit: 1 << 20) }
    }
}
