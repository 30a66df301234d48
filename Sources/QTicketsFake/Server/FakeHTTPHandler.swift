import Foundation
import NIOCore
import NIOHTTP1

/// One per connection: collects a request, asks the shared state for a verdict, renders the
/// answer and writes it, applying latency, slow bodies or a dropped connection. Runs on
/// its channel's event loop only; keep-alive and pipelining come from NIO's server pipeline.
final class FakeHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: FakeServerState
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?

    init(state: FakeServerState) {
        self.state = state
    }

    func channelActive(context: ChannelHandlerContext) {
        state.connectionOpened()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = nil
        case .body(var chunk):
            body.setOrWriteBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            handle(head: head, body: body, context: context)
            body = nil
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func handle(head: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext) {
        let uri = head.uri
        let queryStart = uri.firstIndex(of: "?")
        let path = queryStart.map { String(uri[..<$0]) } ?? uri
        let route = FakeRoute.match(method: head.method, path: path)
        if route == .adminStats {
            let stats = (try? JSONEncoder().encode(state.stats)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            let response = FakeResponse.json(.ok, stats, allocator: context.channel.allocator)
            return write(
                response, version: head.version, keepAlive: head.isKeepAlive, slowBody: nil, counted: false, context: context)
        }
        var query = ListQuery()
        var problem: ListQuery.Problem?
        if route != .unknown && route != .write && route != .adminStats {
            do { query = try ListQuery.parse(body) } catch { problem = error }
        }
        let admission = state.admit(
            route: route, authorized: state.isAuthorized(head.headers.first(name: "authorization")),
            hasQueryString: queryStart != nil, unparseableBody: query.bodyWasUnparseable,
            ordersPage: route == .orders ? query.page : nil, nowNanoseconds: NIODeadline.now().uptimeNanoseconds)
        let allocator = context.channel.allocator
        let keepAlive = head.isKeepAlive
        switch admission {
        case .htmlNotFound:
            send(.htmlNotFound(allocator: allocator), version: head.version, keepAlive: keepAlive, effects: .init(), context: context)
        case .methodNotAllowed:
            let response = FakeResponse.error(
                .methodNotAllowed, message: "The fake QTickets API is read-only", code: "METHOD_NOT_ALLOWED",
                allocator: allocator)
            send(response, version: head.version, keepAlive: keepAlive, effects: .init(), context: context)
        case .rateLimited:
            var response = FakeResponse.error(
                .tooManyRequests, message: "Too Many Attempts.", code: "TOO_MANY_REQUESTS", allocator: allocator)
            response.headers.append(("Retry-After", "1"))
            send(response, version: head.version, keepAlive: keepAlive, effects: .init(), context: context)
        case .unauthorized:
            let response = FakeResponse.json(.forbidden, "{\"error\":\"Wrong authorization\"}", allocator: allocator)
            send(response, version: head.version, keepAlive: keepAlive, effects: .init(), context: context)
        case .drop:
            state.requestFinished()
            context.close(promise: nil)
        case .injected(let status, let retryAfter):
            var response: FakeResponse
            if status == 503 {
                response = .error(.serviceUnavailable, message: "Unknown error", code: "UNKNOWN_ERROR", allocator: allocator)
            } else {
                response = .error(.tooManyRequests, message: "Too Many Attempts.", code: "TOO_MANY_REQUESTS", allocator: allocator)
            }
            if let retryAfter { response.headers.append(("Retry-After", retryAfter)) }
            send(response, version: head.version, keepAlive: keepAlive, effects: .init(), context: context)
        case .serve(let snapshot, let effects):
            let response: FakeResponse
            if let problem {
                response = .error(.badRequest, message: "Malformed request: \(problem)", code: "BAD_REQUEST", allocator: allocator)
            } else {
                response = FakeRouter.respond(
                    route: route, query: query, snapshot: snapshot, malformed: effects.malformed, allocator: allocator)
            }
            send(response, version: head.version, keepAlive: keepAlive, effects: effects, context: context)
        }
    }

    private func send(
        _ response: FakeResponse, version: HTTPVersion, keepAlive: Bool, effects: Admission.Effects,
        context: ChannelHandlerContext
    ) {
        state.record(status: Int(response.status.code), ordersServed: response.ordersServed)
        if effects.latencyMilliseconds > 0 {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(effects.latencyMilliseconds))) {
                self.write(
                    response, version: version, keepAlive: keepAlive, slowBody: effects.slowBody, counted: true, context: context)
            }
        } else {
            write(response, version: version, keepAlive: keepAlive, slowBody: effects.slowBody, counted: true, context: context)
        }
    }

    private func write(
        _ response: FakeResponse, version: HTTPVersion, keepAlive: Bool, slowBody: FaultPlan.SlowBody?, counted: Bool,
        context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.readableBytes))
        headers.add(name: "Server", value: "qtickets-fake")
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: response.status, headers: headers))), promise: nil)
        if let slowBody {
            writeSlowly(response.body, slowBody, keepAlive: keepAlive, context: context)
        } else {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
            finish(keepAlive: keepAlive, counted: counted, context: context)
        }
    }

    private func writeSlowly(_ remaining: ByteBuffer, _ plan: FaultPlan.SlowBody, keepAlive: Bool, context: ChannelHandlerContext) {
        var rest = remaining
        guard let chunk = rest.readSlice(length: min(plan.chunkBytes, rest.readableBytes)), chunk.readableBytes > 0 else {
            return finish(keepAlive: keepAlive, counted: true, context: context)
        }
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
        guard rest.readableBytes > 0 else { return finish(keepAlive: keepAlive, counted: true, context: context) }
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(plan.delayMilliseconds))) {
            guard context.channel.isActive else { return self.state.requestFinished() }
            self.writeSlowly(rest, plan, keepAlive: keepAlive, context: context)
        }
    }

    private func finish(keepAlive: Bool, counted: Bool, context: ChannelHandlerContext) {
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if counted { state.requestFinished() }
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
