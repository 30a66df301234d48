import NIOCore
import NIOHTTP1

/// Writes one answer on its connection's event loop: the head, then the body whole or chunk by
/// chunk (slow bodies, streamed hostile bodies), gzip-compressed when the client asked for it
/// and the server allows it, counting body bytes as they go out.
///
/// A streamed body is written one chunk at a time, the next only when the previous one has left
/// (the write's promise), so a 200 MB body costs one chunk of memory and a client that stops
/// reading stops the server too. Calls `done` exactly once: when the end is written, or when
/// the connection went away mid-body.
final class ResponseWriter {
    struct Request {
        var version: HTTPVersion
        var keepAlive: Bool
        var gzip: Bool
        /// Route name for the byte counters; nil = not counted (the admin routes).
        var route: String?
    }

    private let context: ChannelHandlerContext
    private let state: FakeServerState
    private let request: Request
    private let gzip: GzipStream?
    private let done: () -> Void

    init(context: ChannelHandlerContext, state: FakeServerState, request: Request, done: @escaping () -> Void) {
        self.context = context
        self.state = state
        self.request = request
        self.gzip = request.gzip ? GzipStream() : nil
        self.done = done
    }

    func write(_ response: FakeResponse) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Server", value: "qtickets-fake")
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        if gzip != nil {
            headers.add(name: "Content-Encoding", value: "gzip")
            if request.route != nil { state.countGzipResponse() }
        }
        if !request.keepAlive { headers.add(name: "Connection", value: "close") }
        switch response.body {
        case .whole(let raw):
            let wire = gzip?.compress(raw, flush: .finish, allocator: context.channel.allocator) ?? raw
            headers.add(name: "Content-Length", value: String(wire.readableBytes))
            writeHead(response.status, headers)
            count(wire: wire.readableBytes, raw: raw.readableBytes)
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(wire))), promise: nil)
            finish()
        case .streamed(let body, let delayMilliseconds):
            if gzip == nil, let length = body.length {
                headers.add(name: "Content-Length", value: String(length))
            } else {
                headers.add(name: "Transfer-Encoding", value: "chunked")
            }
            writeHead(response.status, headers)
            context.flush()
            pump(body, delayMilliseconds: delayMilliseconds)
        }
    }

    private func writeHead(_ status: HTTPResponseStatus, _ headers: HTTPHeaders) {
        let head = HTTPResponseHead(version: request.version, status: status, headers: headers)
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
    }

    private func pump(_ body: StreamedBody, delayMilliseconds: Int) {
        guard context.channel.isActive else { return done() }
        var rest = body
        guard let raw = rest.next(allocator: context.channel.allocator) else {
            if let tail = gzip?.compress(ByteBuffer(), flush: .finish, allocator: context.channel.allocator), tail.readableBytes > 0 {
                count(wire: tail.readableBytes, raw: 0)
                context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(tail))), promise: nil)
            }
            return finish()
        }
        let wire = gzip?.compress(raw, flush: delayMilliseconds > 0 ? .sync : .none, allocator: context.channel.allocator) ?? raw
        count(wire: wire.readableBytes, raw: raw.readableBytes)
        let written = context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(wire))))
        written.assumeIsolated().whenComplete { result in
            guard case .success = result else { return self.done() }
            let loop = self.context.eventLoop.assumeIsolated()
            if delayMilliseconds > 0 {
                loop.scheduleTask(in: .milliseconds(Int64(delayMilliseconds))) { self.pump(rest, delayMilliseconds: delayMilliseconds) }
            } else {
                loop.execute { self.pump(rest, delayMilliseconds: delayMilliseconds) }  // no recursion through the promise
            }
        }
    }

    private func finish() {
        let written = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        done()
        if !request.keepAlive {
            let context = self.context
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    private func count(wire: Int, raw: Int) {
        guard let route = request.route else { return }
        state.recordBytes(route: route, wire: wire, uncompressed: raw)
    }
}
