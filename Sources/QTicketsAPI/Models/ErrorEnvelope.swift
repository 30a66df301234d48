/// The API's JSON error body: `{"error":"…","status":404,"code":"RESOURCE_NOT_FOUND","info":{…}|[]}`.
/// A bad token gets only `{"error":"Wrong authorization"}`.
public struct ErrorEnvelope: Sendable, Hashable, Decodable {
    public var error: String
    public var status: Int?
    public var code: String?

    public init(error: String, status: Int? = nil, code: String? = nil) {
        self.error = error
        self.status = status
        self.code = code
    }

    enum CodingKeys: String, CodingKey {
        case error, status, code, message
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let message = try c.lenientStringIfPresent(.error) ?? c.lenientStringIfPresent(.message) else {
            throw DecodingError.keyNotFound(CodingKeys.error, .init(codingPath: [], debugDescription: "no error message"))
        }
        self.error = message
        self.status = try? c.lenientIntIfPresent(.status)
        self.code = try? c.lenientStringIfPresent(.code)
    }

    /// One line for logs and errors: `Resource "Order" not found (RESOURCE_NOT_FOUND)`.
    public var summary: String {
        if let code { return "\(error) (\(code))" }
        return error
    }
}
