import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import QTicketsFake

/// A running fake plus a plain HTTP client: the tests talk to the server over real HTTP,
/// exactly as the ingester's client will.
struct FakeHarness {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
        var text: String { String(buffer: body) }
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] }
        var data: [[String: Any]] { json?["data"] as? [[String: Any]] ?? [] }
        var paging: [String: Int] { json?["paging"] as? [String: Int] ?? [:] }
    }

    static let token = "test-token-\u{1F511}"
    let server: FakeQTicketsServer
    let client: HTTPClient

    /// Starts a server for `organiser`, runs `body`, and always shuts both down.
    static func with<T>(
        _ organiser: Organiser, faults: FaultPlan = .none, options: FakeServerOptions = FakeServerOptions(),
        _ body: (FakeHarness) async throws -> T
    ) async throws -> T {
        let server = try await FakeQTicketsServer.start(
            organiser: organiser, token: token, faults: faults, options: options, threads: 1)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let harness = FakeHarness(server: server, client: client)
        do {
            let result = try await body(harness)
            try await client.shutdown()
            try await server.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            try? await server.shutdown()
            throw error
        }
    }

    /// `GET base/path` with an optional JSON body; the bearer token unless `token` says otherwise.
    func get(
        _ path: String, body: String? = nil, token: String? = FakeHarness.token, method: HTTPMethod = .GET,
        headers extra: [(String, String)] = [], via other: HTTPClient? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: server.baseURL + "/" + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await (other ?? client).execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    /// `GET /__fake/NAME`: the fake's own routes outside the API.
    func admin(_ name: String) async throws -> Reply {
        let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/__fake/\(name)"), timeout: .seconds(30))
        return Reply(status: Int(response.status.code), headers: response.headers, body: try await response.body.collect(upTo: 64 << 20))
    }

    /// Every page of a listing for a body (without `page`), checking the envelope on the way.
    func allPages(_ path: String, bodyPrefix: String = "") async throws -> (rows: [[String: Any]], perPage: Int, total: Int) {
        var rows: [[String: Any]] = []
        var page = 1
        var perPage = 0
        var total = 0
        while true {
            let separator = bodyPrefix.isEmpty ? "" : ","
            let reply = try await get(path, body: "{\(bodyPrefix)\(separator)\"page\":\(page)}")
            guard reply.status == 200, let paging = reply.json?["paging"] as? [String: Int] else {
                throw HarnessError.unexpected("page \(page): \(reply.status) \(reply.text.prefix(200))")
            }
            perPage = paging["perPage"] ?? 0
            total = paging["total"] ?? 0
            guard paging["currentPage"] == page else { throw HarnessError.unexpected("currentPage \(paging)") }
            rows += reply.data
            if reply.data.isEmpty || page * perPage >= total { break }
            page += 1
        }
        return (rows, perPage, total)
    }

    enum HarnessError: Error { case unexpected(String) }
}

/// Small organisers for tests: fixed `now` so runs are reproducible.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_764_370_000)  // 2025-11-28T22:46:40Z

    static func organiser(seed: UInt64 = 42, orders: Int = 600, events: Int = 12) -> Organiser {
        Organiser.generate(
            OrganiserSpec(seed: seed, events: events, maxShowsPerEvent: 4, orders: orders, historyHours: 72), now: now)
    }
}
