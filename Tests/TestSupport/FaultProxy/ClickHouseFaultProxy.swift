import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A reverse proxy on loopback in front of the real ClickHouse that injects faults at chosen
/// statements: the stand-in for the production reverse proxy (Caddy on 8443) that answers 502
/// when its upstream hiccups.
///
/// Point `CLICKHOUSE_HOST` at ``url``; every request is relayed byte for byte (headers, gzip
/// bodies) unless a ``ProxyRule`` hits it. ``requests`` records what passed, so a test can first
/// count the statements of a clean run and then fail each one in turn.
public final class ClickHouseFaultProxy: Sendable {
    /// One request as the proxy saw it.
    public struct Request: Sendable, CustomStringConvertible {
        public let number: Int
        /// The SQL: the `query` URL parameter (inserts) or the body (everything else).
        public let statement: String
        public let fault: ProxyFault?
        /// The status the client received; nil when the connection was dropped.
        public let status: Int?

        public var description: String {
            "#\(number) \(status.map(String.init) ?? "dropped")\(fault.map { " [\($0)]" } ?? ""): \(statement.prefix(120))"
        }
    }

    private struct State {
        var rules: [ProxyRule] = []
        var count = 0
        var log: [Request] = []
    }

    public let url: String
    private let upstream: String
    private let state = NIOLockedValueBox(State())
    private let http: HTTPClient
    private let server: Task<Void, any Error>

    /// Starts listening on 127.0.0.1 (a free port) and relaying to `upstream` (`http://host:port`).
    public static func start(upstream: String) async throws -> ClickHouseFaultProxy {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        guard let port = channel.channel.localAddress?.port else { throw ProxyError.noPort }
        return ClickHouseFaultProxy(channel: channel, url: "http://127.0.0.1:\(port)", upstream: upstream)
    }

    private init(
        channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>, url: String,
        upstream: String
    ) {
        var upstreamURL = upstream
        while upstreamURL.hasSuffix("/") { upstreamURL.removeLast() }
        self.url = url
        self.upstream = upstreamURL
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        self.http = http
        let relay = Relay(upstream: upstreamURL, http: http)
        let state = self.state
        self.server = Task {
            try await withThrowingDiscardingTaskGroup { group in
                try await channel.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await relay.serve(connection, state: state) }
                    }
                }
            }
        }
    }

    /// Replaces the rules and restarts the request count (request 1 is the next one).
    public func setRules(_ rules: [ProxyRule]) {
        state.withLockedValue {
            $0.rules = rules
            $0.count = 0
        }
    }

    /// Every request since the proxy started, in order.
    public var requests: [Request] { state.withLockedValue { $0.log } }

    /// The faults actually injected since the proxy started.
    public var injected: [Request] { requests.filter { $0.fault != nil } }

    public func shutdown() async {
        server.cancel()
        _ = try? await server.value
        try? await http.shutdown()
    }

    enum ProxyError: Error { case noPort }

    /// Relays one connection's requests; the decisions are taken under the proxy's lock.
    private struct Relay: Sendable {
        let upstream: String
        let http: HTTPClient

        func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, state: NIOLockedValueBox<State>) async {
            try? await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                for try await part in inbound {
                    switch part {
                    case .head(let h):
                        head = h
                        body.clear()
                    case .body(var chunk):
                        body.writeBuffer(&chunk)
                    case .end:
                        guard let request = head else { return }
                        let statement = Self.statement(uri: request.uri, body: body)
                        let (number, fault) = state.withLockedValue { s -> (Int, ProxyFault?) in
                            s.count += 1
                            guard let i = s.rules.firstIndex(where: { $0.matches(number: s.count, statement: statement) }) else {
                                return (s.count, nil)
                            }
                            s.rules[i].times -= 1
                            return (s.count, s.rules[i].fault)
                        }
                        let reply = await respond(to: request, body: body, fault: fault)
                        state.withLockedValue {
                            $0.log.append(Request(number: number, statement: statement, fault: fault, status: reply.map { Int($0.status.code) }))
                        }
                        guard let reply else { return }  // drop: close without answering
                        var headers = reply.headers
                        headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.readableBytes))
                        try await outbound.write(.head(HTTPResponseHead(version: request.version, status: reply.status, headers: headers)))
                        try await outbound.write(.body(.byteBuffer(reply.body)))
                        try await outbound.write(.end(nil))
                        guard request.isKeepAlive else { return }
                    }
                }
            }
        }

        private struct Reply {
            var status: HTTPResponseStatus
            var headers: HTTPHeaders
            var body: ByteBuffer
        }

        private func respond(to request: HTTPRequestHead, body: ByteBuffer, fault: ProxyFault?) async -> Reply? {
            if let fault, !fault.forwards {
                return fault == .dropBeforeForwarding ? nil : Self.badGateway
            }
            let forwarded = await forward(request, body: body)
            switch fault {
            case .badGatewayAfterForwarding?: return Self.badGateway
            case .dropAfterForwarding?: return nil
            case .delay(let duration)?:
                try? await Task.sleep(for: duration)
                return forwarded
            default: return forwarded
            }
        }

        private func forward(_ request: HTTPRequestHead, body: ByteBuffer) async -> Reply {
            var outgoing = HTTPClientRequest(url: upstream + request.uri)
            outgoing.method = request.method
            for (name, value) in request.headers where !Self.hopByHop.contains(name.lowercased()) {
                outgoing.headers.add(name: name, value: value)
            }
            outgoing.body = .bytes(body)
            do {
                let response = try await http.execute(outgoing, timeout: .seconds(300))
                let data = try await response.body.collect(upTo: 1 << 30)
                var headers = HTTPHeaders()
                for (name, value) in response.headers where !Self.hopByHop.contains(name.lowercased()) {
                    headers.add(name: name, value: value)
                }
                return Reply(status: response.status, headers: headers, body: data)
            } catch {
                return Self.badGateway
            }
        }

        /// Headers that describe one hop, not the message: never relayed.
        static let hopByHop: Set<String> = ["connection", "keep-alive", "transfer-encoding", "content-length", "host", "te", "upgrade"]

        private static var badGateway: Reply {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/html")
            return Reply(status: .badGateway, headers: headers, body: ByteBuffer(string: "<html><body><h1>502 Bad Gateway</h1></body></html>\n"))
        }

        static func statement(uri: String, body: ByteBuffer) -> String {
            if let query = URLComponents(string: uri)?.queryItems?.first(where: { $0.name == "query" })?.value {
                return query
            }
            return String(buffer: body)
        }
    }
}
