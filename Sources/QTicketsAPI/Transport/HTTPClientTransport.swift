import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// `QTicketsTransport` over AsyncHTTPClient.
///
/// AsyncHTTPClient sends a GET with a body (it only refuses bodies on TRACE) and frames it with
/// `Content-Length`, which the list endpoints need. Redirects are not followed: a redirect of an
/// authenticated API call is unexpected and following it could carry the token elsewhere.
///
/// The `HTTPClient` is created on the first request: a transport that never sent anything (a
/// run that failed on its configuration) needs no shutdown, and AsyncHTTPClient's debug-build
/// check for un-shut clients cannot fire for it.
public final class HTTPClientTransport: QTicketsTransport {
    private let configuration: HTTPClient.Configuration
    private let state = Mutex<(client: HTTPClient?, isShutDown: Bool)>((nil, false))
    private let maxBodyBytes: Int

    public init(connectTimeout: Duration = .seconds(10), maxConnectionsPerHost: Int = 8, maxBodyBytes: Int = 64 << 20) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(connectTimeout))
        )
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, maxConnectionsPerHost)
        configuration.decompression = .disabled
        self.configuration = configuration
        self.maxBodyBytes = maxBodyBytes
    }

    private func client() throws -> HTTPClient {
        try state.withLock { state in
            if state.isShutDown { throw HTTPClientError.alreadyShutdown }
            if let client = state.client { return client }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            state.client = client
            return client
        }
    }

    public func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let response = try await client().execute(outgoing, deadline: deadline)
        let body = try await response.body.collect(upTo: maxBodyBytes)
        return TransportResponse(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: body
        )
    }

    /// Idempotent; later requests fail with `HTTPClientError.alreadyShutdown`.
    public func shutdown() async throws {
        let client = state.withLock { state -> HTTPClient? in
            state.isShutDown = true
            defer { state.client = nil }
            return state.client
        }
        try await client?.shutdown()
    }
}
