import NIOCore

/// One HTTP exchange, the seam between the client's logic (retries, paging, decoding) and the
/// wire. The production implementation is `HTTPClientTransport` (AsyncHTTPClient); tests can
/// script answers without sockets.
public protocol QTicketsTransport: Sendable {
    /// Sends one request and returns the complete answer, whatever its status. Throws only when
    /// no complete answer arrived (connection errors, timeouts, truncated bodies).
    func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse
    func shutdown() async throws
    /// The body of an answer is no longer used: a transport may reuse its memory.
    func recycle(_ body: ByteBuffer)
}

extension QTicketsTransport {
    public func recycle(_ body: ByteBuffer) {}
}

public struct TransportRequest: Sendable {
    public var method: String
    /// Absolute URL.
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [(String, String)], body: [UInt8]?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    /// The body as the caller reads it (inflated when it came gzip-encoded).
    public var body: ByteBuffer
    /// Body bytes as they crossed the wire (compressed when gzip-encoded).
    public var wireBytes: Int

    public init(status: Int, headers: [(String, String)] = [], body: ByteBuffer, wireBytes: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.wireBytes = wireBytes ?? body.readableBytes
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
