/// The API's JSON error body: `{"error":"…","status":404,"code":"RESOURCE_NOT_FOUND","info":{…}|[]}`.
/// A bad token gets only `{"error":"Wrong authorization"}`.
public struct ErrorEnvelope: Sendable, Hashable {
    public var error: String
    public var status: Int?
    public var code: String?

    public init(error: String, status: Int? = nil, code: String? = nil) {
        self.error = error
        self.status = status
        self.code = code
    }

    /// One line for logs and errors: `Resource "Order" not found (RESOURCE_NOT_FOUND)`.
    public var summary: String {
        if let code { return "\(error) (\(code))" }
        return error
    }
}
