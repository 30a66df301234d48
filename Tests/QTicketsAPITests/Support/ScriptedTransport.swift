import Foundation
import NIOCore
import Synchronization
@testable import QTicketsAPI

/// A transport that answers from a closure and records every request: unit tests of retries,
/// paging and request shape without sockets. (Client-vs-fake tests use real HTTP.)
final class ScriptedTransport: QTicketsTransport {
    typealias Handler = @Sendable (TransportRequest, Int) async throws -> TransportResponse

    private let handler: Handler
    private let recorded = Mutex<[TransportRequest]>([])

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    var requests: [TransportRequest] { recorded.withLock { $0 } }

    func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse {
        let index = recorded.withLock { list in
            list.append(request)
            return list.count - 1
        }
        return try await handler(request, index)
    }

    func shutdown() async throws {}
}

extension TransportResponse {
    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> TransportResponse {
        TransportResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: ByteBuffer(string: text))
    }
}

extension TransportRequest {
    /// The JSON body as a dictionary (tests inspect `page`, `where`, …).
    var jsonBody: [String: Any]? {
        guard let body else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    var page: Int? { jsonBody?["page"] as? Int }
}

