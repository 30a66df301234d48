import NIOCore

extension Admission {
    /// The answer of a verdict that needs no rendering (errors, refusals); nil for `serve`,
    /// `drop` and `hang`.
    func response(allocator: ByteBufferAllocator) -> FakeResponse? {
        switch self {
        case .htmlNotFound:
            return .htmlNotFound(allocator: allocator)
        case .methodNotAllowed:
            return .error(.methodNotAllowed, message: "The fake QTickets API is read-only", code: "METHOD_NOT_ALLOWED", allocator: allocator)
        case .rateLimited:
            var response = FakeResponse.error(.tooManyRequests, message: "Too Many Attempts.", code: "TOO_MANY_REQUESTS", allocator: allocator)
            response.headers.append(("Retry-After", "1"))
            return response
        case .unauthorized:
            return .json(.forbidden, "{\"error\":\"Wrong authorization\"}", allocator: allocator)
        case .injected(let status, let retryAfter):
            var response: FakeResponse
            if status == 503 {
                response = .error(.serviceUnavailable, message: "Unknown error", code: "UNKNOWN_ERROR", allocator: allocator)
            } else {
                response = .error(.tooManyRequests, message: "Too Many Attempts.", code: "TOO_MANY_REQUESTS", allocator: allocator)
            }
            if let retryAfter { response.headers.append(("Retry-After", retryAfter)) }
            return response
        case .drop, .hang, .serve:
            return nil
        }
    }
}
