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
    /// Inflated bodies handed back by the executor once decoded, reused by the next answers:
    /// a page of 1,000 orders inflates to megabytes, and a fresh buffer per page left the
    /// allocator's arenas holding ever more of them (peak RSS grew with the run).
    private let spareBodies = Mutex<[ByteBuffer]>([])
    private let maxSpareBodies: Int

    public init(connectTimeout: Duration = .seconds(10), maxConnectionsPerHost: Int = 8, maxBodyBytes: Int = 32 << 20) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(connectTimeout))
        )
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, maxConnectionsPerHost)
        configuration.decompression = .disabled
        self.configuration = configuration
        self.maxBodyBytes = maxBodyBytes
        self.maxSpareBodies = max(1, maxConnectionsPerHost)
    }

    public func recycle(_ body: ByteBuffer) {
        spareBodies.withLock { spare in
            if spare.count < maxSpareBodies { spare.append(body) }
        }
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

    /// One exchange, bounded in time and size whatever the server does: `timeout` covers
    /// everything from the connection to the last body byte (a body that trickles a byte a
    /// second never trips a read timeout, so the deadline is a timer of its own that cancels
    /// the exchange), and the body is refused as soon as it passes `maxBodyBytes` (checked as
    /// it streams, so a 200 MB answer costs at most the limit in memory). A gzip answer (the
    /// executor asks for one) is inflated here, under the same limit.
    public func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let client = try client()
        let limit = maxBodyBytes
        let prepared = outgoing
        return try await withThrowingTaskGroup(of: TransportResponse?.self) { group in
            group.addTask {
                let response = try await client.execute(prepared, deadline: NIODeadline.now() + TimeAmount(timeout))
                let headers = response.headers.map { ($0.name, $0.value) }
                let status = Int(response.status.code)
                guard GzipInflater.isGzip(response.headers.first(name: "Content-Encoding")) else {
                    do {
                        return TransportResponse(status: status, headers: headers, body: try await response.body.collect(upTo: limit))
                    } catch is NIOTooManyBytesError {
                        throw ResponseTooLarge(limit: limit)
                    }
                }
                // Inflated as it streams, under the same ceiling: a gzip bomb (or an endless
                // compressed stream) ends as ResponseTooLarge once the inflated bytes pass it.
                let inflater = try GzipInflater(limit: limit, output: self.spareBodies.withLock { $0.popLast() })
                var wireBytes = 0
                for try await chunk in response.body {
                    wireBytes += chunk.readableBytes
                    guard wireBytes <= limit else { throw ResponseTooLarge(limit: limit) }
                    try inflater.feed(chunk)
                }
                return TransportResponse(status: status, headers: headers, body: try inflater.finish(), wireBytes: wireBytes)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                // The timer won: the exchange is cancelled (its connection closed) on the way out.
                throw HTTPClientError.deadlineExceeded
            }
            return response
        }
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

/// An answer longer than the transport's `maxBodyBytes`: refused while it streams. Never
/// retried (the same request brings the same answer).
public struct ResponseTooLarge: Error, Sendable, Equatable {
    public var limit: Int
}
