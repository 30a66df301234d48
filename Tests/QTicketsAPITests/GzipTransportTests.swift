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

    /// A body of `count` generated orders' worth of JSON-ish text, gzip'd, cut in pieces.
    static func pieces(_ plain: ByteBuffer, size: Int) throws -> [ByteBuffer] {
        let whole = try GzipCompressor(level: 1).compress(plain)
        return stride(from: 0, to: whole.readableBytes, by: size).compactMap {
            whole.getSlice(at: whole.readerIndex + $0, length: min(size, whole.readableBytes - $0))
        }
    }

    @Test func aBodyStillStreamingAfterAQuarterSecondIsInflatedAsItStreamsToTheSameBytes() async throws {
        let plain = ByteBuffer(string: (0..<20_000).map { "{\"id\":\($0),\"price\":\"\($0 % 977).50\"}" }.joined(separator: ","))
        let pieces = try Self.pieces(plain, size: 4_096)
        #expect(pieces.count > 4)
        // At once: held whole, inflated by libdeflate.
        let fast = try GzipInflater(limit: 8 << 20)
        for piece in pieces { try fast.feed(piece) }
        #expect(try fast.finish() == plain)
        // Slowly: past the quarter second, zlib's streaming inflate takes over mid-body.
        let slow = try GzipInflater(limit: 8 << 20)
        try slow.feed(pieces[0])
        try await Task.sleep(for: GzipInflater.wholeBodyTime + .milliseconds(50))
        for piece in pieces.dropFirst() { try slow.feed(piece) }
        #expect(try slow.finish() == plain)
    }

    @Test func aSlowBombIsRefusedOnceItsInflatedBytesPassTheLimitNotAtItsEnd() async throws {
        // 64 MiB of spaces compress to about 64 KB: its compressed size says nothing.
        let pieces = try Self.pieces(ByteBuffer(repeating: UInt8(ascii: " "), count: 64 << 20), size: 1_024)
        let inflater = try GzipInflater(limit: 1 << 20)
        try inflater.feed(pieces[0])
        try await Task.sleep(for: GzipInflater.wholeBodyTime + .milliseconds(50))
        var fed = 1
        #expect(throws: ResponseTooLarge(limit: 1 << 20)) {
            for piece in pieces.dropFirst() {
                try inflater.feed(piece)
                fed += 1
            }
        }
        #expect(fed < pieces.count / 4, "refused after \(fed) of \(pieces.count) pieces")
    }

    @Test func aBodyWhoseTrailerLiesAboutItsSizeIsCorruptOrTooLargeNeverTruncated() throws {
        let plain = ByteBuffer(string: String(repeating: "{\"data\":[1,2,3]}", count: 10_000))
        var lying = try GzipCompressor(level: 1).compress(plain)
        let end = lying.writerIndex
        lying.setInteger(UInt32(100), at: end - 4, endianness: .little)  // ISIZE says 100 bytes
        #expect(throws: GzipInflater.Corrupt.self) { try GzipInflater.inflate(lying, limit: 1 << 20) }
        // Honest, but over a limit below its size: refused, not cut.
        let honest = try GzipCompressor(level: 1).compress(plain)
        #expect(throws: ResponseTooLarge(limit: 4_096)) { try GzipInflater.inflate(honest, limit: 4_096) }
    }
}
