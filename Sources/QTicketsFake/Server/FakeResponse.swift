import NIOCore
import NIOHTTP1

/// A complete answer, before faults shape how (and whether) it is written.
struct FakeResponse {
    var status: HTTPResponseStatus
    var contentType: String
    var body: ByteBuffer
    var headers: [(String, String)] = []
    /// Order rows in the body (serving-rate statistics).
    var ordersServed = 0

    static func json(_ status: HTTPResponseStatus, _ text: String, allocator: ByteBufferAllocator) -> FakeResponse {
        FakeResponse(status: status, contentType: "application/json", body: allocator.buffer(string: text))
    }

    /// The JSON error envelope of the real API: `{"error":..,"status":..,"code":..,"info":..}`.
    static func error(
        _ status: HTTPResponseStatus, message: String, code: String, infoJSON: String = "[]", allocator: ByteBufferAllocator
    ) -> FakeResponse {
        var out = JSONOutput(capacity: 128)
        out.beginObject()
        out.key("error")
        out.string(message)
        out.key("status")
        out.int(Int(status.code))
        out.key("code")
        out.string(code)
        out.endObject()
        // Splice `info` (raw JSON) before the closing brace.
        var body = out.buffer(allocator: allocator)
        body.moveWriterIndex(to: body.writerIndex - 1)
        body.writeString(",\"info\":\(infoJSON)}")
        return FakeResponse(status: status, contentType: "application/json", body: body)
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
