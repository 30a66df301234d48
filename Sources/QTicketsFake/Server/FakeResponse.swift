import NIOCore
import NIOHTTP1

/// A complete answer, before faults shape how (and whether) it is written.
struct FakeResponse {
    enum Body {
        case whole(ByteBuffer)
        /// Produced chunk by chunk, sleeping `delayMilliseconds` between chunks.
        case streamed(StreamedBody, delayMilliseconds: Int)
    }

    var status: HTTPResponseStatus
    var contentType: String
    var body: Body
    var headers: [(String, String)] = []
    /// Order rows in the body (serving-rate statistics).
    var ordersServed = 0
    /// The highest order id in the body: churn prefers orders on either side of it.
    var lastOrderID: Int?
    /// Orders in the body rendered with a bad value (`FaultPlan.badRecords`).
    var badRecordsServed = 0

    init(status: HTTPResponseStatus, contentType: String, body: ByteBuffer) {
        self.status = status
        self.contentType = contentType
        self.body = .whole(body)
    }

    init(status: HTTPResponseStatus, contentType: String, streamed: StreamedBody, delayMilliseconds: Int = 0) {
        self.status = status
        self.contentType = contentType
        self.body = .streamed(streamed, delayMilliseconds: delayMilliseconds)
    }

    /// The body when it is one buffer (every answer not shaped by a streaming fault).
    var wholeBody: ByteBuffer? {
        if case .whole(let buffer) = body { return buffer }
        return nil
    }

    /// The body written in `chunkBytes` pieces with a pause between them (the slow-body fault).
    mutating func slowDown(_ plan: FaultPlan.SlowBody) {
        guard case .whole(let buffer) = body else { return }
        var streamed = StreamedBody(chunkBytes: plan.chunkBytes)
        streamed.append(buffer)
        body = .streamed(streamed, delayMilliseconds: plan.delayMilliseconds)
    }

    static func json(_ status: HTTPResponseStatus, _ text: String, allocator: ByteBufferAllocator) -> FakeResponse {
        FakeResponse(status: status, contentType: "application/json", body: allocator.buffer(string: text))
    }

    static func json(_ status: HTTPResponseStatus, _ out: JSONOutput, allocator: ByteBufferAllocator) -> FakeResponse {
        json(status, out.text, allocator: allocator)
    }

    /// The JSON error envelope of the real API: `{"error":..,"status":..,"code":..,"info":..}`.
    static func error(
        _ status: HTTPResponseStatus, message: String, code: String, infoJSON: String = "[]", allocator: ByteBufferAllocator
    ) -> FakeResponse {
        var out = JSONOutput(capacity: 128)
        out.object { out in
            out.member("error", message)
            out.member("status", Int(status.code))
            out.member("code", code)
            out.member("info", raw: infoJSON)
        }
        return .json(status, out, allocator: allocator)
    }

    static func notFound(resource: String, id: Int, allocator: ByteBufferAllocator) -> FakeResponse {
        error(
            .notFound, message: "Resource \"\(resource)\" not found", code: "RESOURCE_NOT_FOUND",
            infoJSON: "{\"id\":\(id),\"resource\":\"\(resource)\"}", allocator: allocator)
    }

    static let htmlNotFoundPage =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Страница не найдена 404 – Qtickets</title></head>"
        + "<body><h1>404</h1><p>Страница не найдена</p></body></html>"

    static func htmlNotFound(allocator: ByteBufferAllocator) -> FakeResponse {
        FakeResponse(status: .notFound, contentType: "text/html; charset=UTF-8", body: allocator.buffer(string: htmlNotFoundPage))
    }
}
