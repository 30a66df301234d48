import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import QTicketsFake

/// Issue 9.6's hostile answers, as a client receives them. Big bodies are counted as they
/// stream, never collected.
@Suite struct HostileTests {
    struct Streamed {
        var status: Int
        var headers: HTTPHeaders
        var bytes = 0
        /// The first and last few KB.
        var head: [UInt8] = []
        var tail: [UInt8] = []
        var completed = false
    }

    /// Reads the orders page as a stream for at most `seconds` (then cancels it), keeping only
    /// counts and edges.
    func stream(_ fake: FakeHarness, page: Int = 1, gzip: Bool = false, seconds: Int = 120) async throws -> Streamed {
        var request = HTTPClientRequest(url: fake.server.baseURL + "/orders")
        request.headers.add(name: "Authorization", value: "Bearer \(FakeHarness.token)")
        if gzip { request.headers.add(name: "Accept-Encoding", value: "gzip") }
        request.body = .bytes(ByteBuffer(string: "{\"page\":\(page)}"))
        let prepared = request
        return try await withThrowingTaskGroup(of: Streamed?.self) { group in
            group.addTask {
                let response = try await fake.client.execute(prepared, timeout: .seconds(Int64(seconds)))
                var result = Streamed(status: Int(response.status.code), headers: response.headers)
                do {
                    for try await chunk in response.body {
                        result.bytes += chunk.readableBytes
                        if result.head.count < 4_096 { result.head += chunk.getBytes(at: chunk.readerIndex, length: min(chunk.readableBytes, 4_096 - result.head.count)) ?? [] }
                        let keep = min(chunk.readableBytes, 4_096)
                        result.tail = Array((result.tail + (chunk.getBytes(at: chunk.writerIndex - keep, length: keep) ?? [])).suffix(4_096))
                    }
                    result.completed = true
                } catch {}  // cancelled by the time limit: what arrived so far
                return result
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            while let next = try await group.next() {
                if let next { return next }
            }
            throw FakeHarness.HarnessError.unexpected("no answer")
        }
    }

    @Test func aTotalNear2To63OnTheChosenPageOnly() async throws {
        let plan = FaultPlan(hostileOrders: .init(.hugeTotal, page: 2))
        try await FakeHarness.with(Fixtures.organiser(orders: 200), faults: plan) { fake in
            #expect(try await fake.get("orders", body: "{\"page\":1}").paging["total"] == 200)
            let two = try await fake.get("orders", body: "{\"page\":2}")
            #expect(two.text.hasSuffix("\"total\":9223372036854775000}}") && two.data.count == 50)
            #expect(await fake.server.stats().hostileAnswers == ["huge-total": 1])
        }
    }

    @Test func a200MBBodyIsStreamedWellFormedAndCompressible() async throws {
        let plan = FaultPlan(hostileOrders: .init(.defaultHugeBody))
        try await FakeHarness.with(Fixtures.organiser(orders: 200), faults: plan) { fake in
            let plain = try await stream(fake)
            #expect(plain.completed && plain.status == 200)
            #expect(plain.bytes > 199_000_000 && plain.bytes <= 200_000_000)
            #expect(plain.headers.first(name: "content-length") == String(plain.bytes))
            #expect(String(decoding: plain.head, as: UTF8.self).hasPrefix("{\"data\":[{\"id\":"))
            #expect(String(decoding: plain.tail, as: UTF8.self).hasSuffix("\"currentPage\":1,\"total\":200}}"))

            let gzipped = try await stream(fake, gzip: true)
            #expect(gzipped.completed && gzipped.headers.first(name: "content-encoding") == "gzip")
            #expect(gzipped.bytes * 5 < plain.bytes)
            let stats = await fake.server.stats()
            #expect(stats.bodyBytesUncompressed == 2 * plain.bytes)
            #expect(stats.bodyBytesSent == plain.bytes + gzipped.bytes)
        }
    }

    @Test func deepNestingAndAHugeStringInsideTheFirstOrder() async throws {
        let nested = FaultPlan(hostileOrders: .init(.defaultDeepNesting))
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: nested) { fake in
            let reply = try await fake.get("orders")
            let text = reply.text
            let custom = try #require(text.range(of: "\"custom\":"))
            let rest = text[custom.upperBound...]
            #expect(rest.prefix(100_001) == Substring(String(repeating: "[", count: 100_000) + "]"))
            #expect(text.hasSuffix("\"total\":100}}"))
            #expect(text.components(separatedBy: "\"custom\":[").count == 2)  // the first order only
        }
        let string = FaultPlan(hostileOrders: .init(.defaultHugeString))
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: string) { fake in
            let reply = try await stream(fake)
            #expect(reply.completed && reply.bytes > 50_000_000 && reply.bytes < 50_200_000)
            #expect(String(decoding: reply.head, as: UTF8.self).contains("\"custom\":\"xxxx"))
            #expect(String(decoding: reply.tail, as: UTF8.self).hasSuffix("\"total\":100}}"))
        }
    }

    @Test func htmlWithStatus200() async throws {
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: FaultPlan(hostileOrders: .init(.html))) { fake in
            let reply = try await fake.get("orders")
            #expect(reply.status == 200)
            #expect(reply.headers.first(name: "content-type")?.hasPrefix("text/html") == true)
            #expect(reply.text.hasPrefix("<!DOCTYPE html>") && reply.json == nil)
        }
    }

    @Test func aBodyThatTricklesAndNeverCompletes() async throws {
        let plan = FaultPlan(hostileOrders: .init(.trickle(bytesPerTick: 4, intervalMilliseconds: 100)))
        try await FakeHarness.with(Fixtures.organiser(orders: 100), faults: plan) { fake in
            let reply = try await stream(fake, seconds: 2)
            #expect(reply.status == 200 && !reply.completed)
            // 4 bytes a tick: a trickle, far from the page's ~250 KB, however late the time limit
            // fires on a loaded machine (a wall-clock upper bound was flaky).
            #expect(reply.bytes >= 40 && reply.bytes < 4_096)
            #expect(String(decoding: reply.head, as: UTF8.self).hasPrefix("{\"data\":[{"))
            #expect(reply.headers.first(name: "transfer-encoding") == "chunked")
            // Compressed, it still trickles (each piece flushed), and still never ends.
            let gzipped = try await stream(fake, gzip: true, seconds: 1)
            #expect(gzipped.headers.first(name: "content-encoding") == "gzip")
            #expect(gzipped.bytes > 10 && !gzipped.completed)
        }
    }
}
