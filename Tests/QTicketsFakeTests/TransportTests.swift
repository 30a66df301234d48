import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import QTicketsFake

/// Page sizes, compression and the byte counters: what issue 10's "fewer, smaller responses"
/// measures against.
@Suite struct TransportTests {
    /// A client that inflates gzip itself (NIO's decompressor): an independent check of the bytes.
    static func inflatingClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.decompression = .enabled(limit: .none)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    @Test func perPageIsIgnoredByDefaultAndHonouredUpToTheServersMaximum() async throws {
        let o = Fixtures.organiser(orders: 700, events: 23)
        try await FakeHarness.with(o) { fake in
            let ignored = try await fake.get("orders", body: "{\"per_page\":500}")
            #expect(ignored.paging["perPage"] == 50 && ignored.data.count == 50)
        }
        try await FakeHarness.with(o, options: FakeServerOptions(maxPerPage: 300)) { fake in
            let big = try await fake.get("orders", body: "{\"per_page\":500,\"page\":2}")
            #expect(big.paging == ["perPage": 300, "currentPage": 2, "total": 700])
            #expect(big.data.compactMap { $0["id"] as? Int } == o.orders[300..<600].map(\.id))
            let small = try await fake.get("orders", body: "{\"per_page\":\"7\"}")
            #expect(small.paging["perPage"] == 7 && small.data.count == 7)
            let none = try await fake.get("orders", body: "{}")
            #expect(none.paging["perPage"] == 50)
            let zero = try await fake.get("orders", body: "{\"per_page\":0}")
            #expect(zero.paging["perPage"] == 1)
            let events = try await fake.allPages("events", bodyPrefix: "\"per_page\":100")
            #expect(events.perPage == 23 || events.perPage == 100)
            #expect(events.rows.count == 23)
            // An absurd page number is an empty page, not a crash.
            let far = try await fake.get("orders", body: "{\"per_page\":300,\"page\":999999999999999}")
            #expect(far.status == 200 && far.data.isEmpty)
        }
    }

    @Test func gzipWhenAskedAndAllowedWithBytesCountedPerRoute() async throws {
        let o = Fixtures.organiser(orders: 300)
        let inflating = Self.inflatingClient()
        try await FakeHarness.with(o) { fake in
            let plain = try await fake.get("orders", body: "{\"page\":2}")
            #expect(plain.headers.first(name: "content-encoding") == nil)
            let raw = try await fake.get("orders", body: "{\"page\":2}", headers: [("Accept-Encoding", "gzip")])
            #expect(raw.headers.first(name: "content-encoding") == "gzip")
            #expect(raw.body.getBytes(at: raw.body.readerIndex, length: 2) == [0x1F, 0x8B])
            #expect(raw.body.readableBytes * 4 < plain.body.readableBytes)
            let inflated = try await fake.get("orders", body: "{\"page\":2}", headers: [("Accept-Encoding", "gzip")], via: inflating)
            #expect(inflated.body == plain.body)
            let refused = try await fake.get("orders", body: "{\"page\":2}", headers: [("Accept-Encoding", "gzip;q=0, identity")])
            #expect(refused.headers.first(name: "content-encoding") == nil)

            let stats = await fake.server.stats()
            #expect(stats.gzipResponses == 2)
            let p = plain.body.readableBytes
            let g = raw.body.readableBytes
            #expect(stats.bodyBytesUncompressed == 4 * p)
            #expect(stats.bodyBytesSent == 2 * p + 2 * g)
            #expect(stats.bodyBytesSentByRoute["orders"] == 2 * p + 2 * g)
            #expect(stats.bodyBytesUncompressedByRoute["orders"] == 4 * p)
        }
        try await FakeHarness.with(o, options: FakeServerOptions(gzip: false)) { fake in
            let reply = try await fake.get("orders", headers: [("Accept-Encoding", "gzip")])
            #expect(reply.headers.first(name: "content-encoding") == nil && reply.json != nil)
        }
        try await inflating.shutdown()
    }

    @Test func slowAndGzippedBodiesStreamInChunks() async throws {
        let o = Fixtures.organiser(orders: 300)
        let inflating = Self.inflatingClient()
        try await FakeHarness.with(o, faults: FaultPlan(slowBody: .init(chunkBytes: 4_096, delayMilliseconds: 1))) { fake in
            let normal = try await fake.get("orders", body: "{\"page\":3}")
            let gzipped = try await fake.get("orders", body: "{\"page\":3}", headers: [("Accept-Encoding", "gzip")], via: inflating)
            #expect(gzipped.headers.first(name: "transfer-encoding") == "chunked")
            #expect(gzipped.body == normal.body)
        }
        try await inflating.shutdown()
    }

    @Test func theServerClockStartsAtTheOrganisersNowOrAsConfigured() async throws {
        let o = Fixtures.organiser(orders: 50)
        try await FakeHarness.with(o) { fake in
            let now = await fake.server.now().timeIntervalSince1970
            #expect(now >= Double(o.nowEpoch) && now < Double(o.nowEpoch) + 30)
            await fake.server.setClock(start: Date(timeIntervalSince1970: 2_000_000_000), offsetSeconds: 240)
            let moved = await fake.server.now().timeIntervalSince1970
            #expect(moved >= 2_000_000_240 && moved < 2_000_000_270)
            // Changes made "now" are stamped by the server clock.
            let mutated = await fake.server.mutate(seed: 1, newOrders: 3, refunds: 2, cancellations: 0)
            // (refunds at the clock's now, new orders within its last hour)
            #expect(mutated.orders.filter { $0.updatedAt >= 2_000_000_240 }.count >= 2)
            #expect(mutated.orders.filter { $0.updatedAt >= 2_000_000_240 - 3_600 }.count == 5)
            #expect(mutated.nowEpoch >= 2_000_000_240 && mutated.nowEpoch < 2_000_000_270)
        }
        let options = FakeServerOptions(clockStart: Date(timeIntervalSince1970: 1_800_000_000), clockOffsetSeconds: -60)
        try await FakeHarness.with(o, options: options) { fake in
            let now = await fake.server.now().timeIntervalSince1970
            #expect(now >= 1_799_999_940 && now < 1_799_999_970)
        }
    }

    @Test func acceptEncodingParsing() {
        #expect(AcceptEncoding.allowsGzip("gzip"))
        #expect(AcceptEncoding.allowsGzip("deflate, gzip;q=0.5"))
        #expect(AcceptEncoding.allowsGzip("*"))
        #expect(!AcceptEncoding.allowsGzip("gzip;q=0"))
        #expect(!AcceptEncoding.allowsGzip("br, identity"))
        #expect(!AcceptEncoding.allowsGzip(nil))
    }
}
