import Foundation
import NIOCore
import NIOHTTP1

/// One per connection: collects a request, asks the shared state for a verdict, renders the
/// answer and hands it to a `ResponseWriter`, applying latency, a dropped connection or an
/// answer that never comes. Runs on its channel's event loop only; keep-alive and pipelining
/// come from NIO's server pipeline.
final class FakeHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: FakeServerState
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    /// An admitted request whose answer is not finished: `state.requestFinished()` is owed.
    private var answering = false

    init(state: FakeServerState) {
        self.state = state
    }

    func channelActive(context: ChannelHandlerContext) {
        state.connectionOpened()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        finished()  // a hung or half-written answer ends with its connection
        context.fireChannelInactive()
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

    private func finished() {
        guard answering else { return }
        answering = false
        state.requestFinished()
    }

    private func handle(head: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext) {
        let uri = head.uri
        let queryStart = uri.firstIndex(of: "?")
        let path = queryStart.map { String(uri[..<$0]) } ?? uri
        let route = FakeRoute.match(method: head.method, path: path)
        var request = ResponseWriter.Request(
            version: head.version, keepAlive: head.isKeepAlive,
            gzip: state.options.gzip && AcceptEncoding.allowsGzip(head.headers.first(name: "accept-encoding")),
            route: nil)
        let allocator = context.channel.allocator
        if let admin = AdminRoutes.respond(route, state: state, allocator: allocator) {
            return ResponseWriter(context: context, state: state, request: request, done: {}).write(admin)
        }
        var query = ListQuery()
        var problem: ListQuery.Problem?
        if route != .unknown && route != .write {
            do { query = try ListQuery.parse(body) } catch { problem = error }
        }
        let admission = state.admit(
            route: route, authorized: state.isAuthorized(head.headers.first(name: "authorization")),
            hasQueryString: queryStart != nil, unparseableBody: query.bodyWasUnparseable,
            ordersPage: route == .orders ? query.page : nil, nowNanoseconds: NIODeadline.now().uptimeNanoseconds)
        answering = true
        request.route = route.name
        let response: FakeResponse
        var effects = Admission.Effects()
        switch admission {
        case .drop:
            finished()
            return context.close(promise: nil)
        case .hang:
            return  // `answering` stays set until the client closes the connection
        case .serve(let snapshot, let serveEffects):
            effects = serveEffects
            if effects.ignoreBody { (query, problem) = (ListQuery(), nil) }
            if let problem {
                response = .error(.badRequest, message: "Malformed request: \(problem)", code: "BAD_REQUEST", allocator: allocator)
            } else {
                let context = FakeRouter.Context(
                    options: state.options, malformed: effects.malformed, badRecords: effects.badRecords, hostile: effects.hostile)
                response = FakeRouter.respond(route: route, query: query, snapshot: snapshot, context: context, allocator: allocator)
                if route == .orders, response.status == .ok { state.ordersListingServed(lastOrderID: response.lastOrderID) }
            }
        default:
            guard let verdict = admission.response(allocator: allocator) else { return finished() }
            response = verdict
        }
        state.requestLog?.record(status: response.status.code, method: head.method.rawValue, uri: uri, body: body)
        send(response, request: request, effects: effects, context: context)
    }

    private func send(_ response: FakeResponse, request: ResponseWriter.Request, effects: Admission.Effects, context: ChannelHandlerContext) {
        state.record(response)
        var response = response
        if let slow = effects.slowBody { response.slowDown(slow) }
        let writer = ResponseWriter(context: context, state: state, request: request) { [weak self] in self?.finished() }
        if effects.latencyMilliseconds > 0 {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(effects.latencyMilliseconds))) {
                writer.write(response)
            }
        } else {
            writer.write(response)
        }
    }
}
