import ClientSupport
import Foundation
import NIOCore
import QTicketsAPI
import QTicketsFake

/// The bare-fetch reference of a run: the very requests the run made (the fake's request log,
/// `qtickets-fake serve --request-log`), sent again to the same fake, `concurrency` in flight,
/// as the product's client sends them (its transport, its headers, gzip), each answer inflated
/// and decoded with the product's fast decoders, then dropped. No paging decisions, no
/// transform, no insert: what fetching those pages costs at the least, so that a run's wall
/// time divided by this one says how close the run comes to what the source allows.
enum RequestReplay {
    struct Outcome {
        var requests = 0
        var orders = 0
        var seats = 0
        var events = 0
        var bytesWire = 0
        var seconds = 0.0

        mutating func add(_ other: Outcome) {
            requests += other.requests
            orders += other.orders
            seats += other.seats
            events += other.events
            bytesWire += other.bytesWire
        }
    }

    /// A replayed request did not come back 200 (the run it records got a 200 for it).
    struct UnexpectedStatus: Error, CustomStringConvertible {
        var status: Int
        var uri: String
        var description: String { "replay: \(uri) answered \(status), the logged run got 200" }
    }

    /// Replays the 200-answered requests of the log at `logPath` against `baseURL`
    /// (`http://HOST:PORT/api/rest/v1`; the log's URIs carry the path from the root).
    static func run(baseURL: String, token: String, logPath: String, concurrency: Int) async throws -> Outcome {
        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        let requests = try RequestLog.Entry.parse(text).filter { $0.status == 200 }
        let origin = Self.origin(of: baseURL)
        let width = max(1, concurrency)
        let transport = HTTPClientTransport(maxConnectionsPerHost: width)
        let start = ContinuousClock.now
        var outcome = Outcome()
        do {
            try await withThrowingTaskGroup(of: Outcome.self) { group in
                var next = 0
                func launch() {
                    let entry = requests[next]
                    next += 1
                    group.addTask { try await send(entry, origin: origin, token: token, transport: transport) }
                }
                while next < min(width, requests.count) { launch() }
                while let done = try await group.next() {
                    outcome.add(done)
                    if next < requests.count { launch() }
                }
            }
        } catch {
            try? await transport.shutdown()
            throw error
        }
        outcome.seconds = start.duration(to: .now).inSeconds
        try await transport.shutdown()
        return outcome
    }

    /// `scheme://host:port` of a base URL.
    static func origin(of baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://"), let slash = baseURL[scheme.upperBound...].firstIndex(of: "/") else {
            return baseURL
        }
        return String(baseURL[..<slash])
    }

    /// One request with the headers `RequestExecutor` sends (token, JSON, gzip), its answer
    /// decoded by route as the client decodes it.
    static func send(_ entry: RequestLog.Entry, origin: String, token: String, transport: HTTPClientTransport) async throws -> Outcome {
        var headers: [(String, String)] = [
            ("Authorization", "Bearer " + token), ("Accept", "application/json"), ("Accept-Encoding", "gzip"),
        ]
        if !entry.body.isEmpty { headers.append(("Content-Type", "application/json")) }
        let request = TransportRequest(
            method: entry.method, url: origin + entry.uri, headers: headers, body: entry.body.isEmpty ? nil : entry.body)
        let response = try await transport.send(request, timeout: .seconds(60))
        guard response.status == 200 else { throw UnexpectedStatus(status: response.status, uri: entry.uri) }
        defer { transport.recycle(response.body) }
        var outcome = Outcome(requests: 1, bytesWire: response.wireBytes)
        try withBytes(response.body) { data in
            switch Route(uri: entry.uri) {
            case .orderPage: outcome.orders = try FastPageDecoder.orders(data).rows.count
            case .order:
                _ = try FastPageDecoder.order(data)
                outcome.orders = 1
            case .seats: outcome.seats = try FastPageDecoder.seats(data).rows.count
            case .events: outcome.events = try PageDecoder.events(data).rows.count
            case .other: break  // events/{id}: one event, rare (not decoded)
            }
        }
        return outcome
    }

    /// The body as `Data` without copying it (the client decodes the response buffer in place).
    static func withBytes(_ buffer: ByteBuffer, _ body: (Data) throws -> Void) throws {
        try buffer.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return try body(Data()) }
            try body(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none))
        }
    }

    /// What an answer holds, from the request's path (`…/orders`, `…/orders/{id}`,
    /// `…/shows/{id}/seats`, `…/events`).
    enum Route {
        case orderPage, order, seats, events, other

        init(uri: String) {
            let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = Array(path.split(separator: "/").suffix(3))
            let last = parts.last ?? ""
            let parent = parts.count > 1 ? parts[parts.count - 2] : ""
            let grandparent = parts.count > 2 ? parts[0] : ""
            if last == "orders" {
                self = .orderPage
            } else if parent == "orders" {
                self = .order
            } else if last == "seats", grandparent == "shows" {
                self = .seats
            } else if last == "events" {
                self = .events
            } else {
                self = .other
            }
        }
    }
}
