import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// `QTicketsTransport` over AsyncHTTPClient.
///
/// AsyncHTTPClient sends a GET with a body (it only refuses bodies on TRACE) and frames it with
/// `Content-Length`, which the list endpoints need. Redirects are not followed: a redirect of an
/// authenticated API call is unexpected and following it could carry the token elsewhere.
public final class HTTPClientTransport: QTicketsTransport {
    private let client: HTTPClient
    private let maxBodyBytes: Int

    public init(connectTimeout: Duration = .seconds(10), maxConnectionsPerHost: Int = 8, maxBodyBytes: Int = 64 << 20) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(connectTimeout.nanosecondsClamped))
        )
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, maxConnectionsPerHost)
        configuration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maxBodyBytes = maxBodyBytes
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
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanosecondsClamped)
        let response = try await client.execute(outgoing, deadline: deadline)
        let body = try await response.body.collect(upTo: maxBodyBytes)
        return TransportResponse(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: body
        )
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }
}

extension Duration {
    var nanosecondsClamped: Int64 {
        let c = components
        let (s, overflow) = c.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return c.seconds > 0 ? .max : .min }
        return s + c.attoseconds / 1_000_000_000
    }
}
