import Foundation
import NIOCore
import QTicketsFake
import TestSupport
@testable import QTicketsAPI

/// Raw answers of a running fake (its generator renders real-shaped pages), fetched without any
/// decoding so both decoders can be given the very same bytes.
struct FakePages {
    let api: FakeAPI
    let transport: HTTPClientTransport

    /// Runs `body` with a fake serving `organiser`, stopped afterwards whatever happens.
    @discardableResult
    static func with<T>(_ organiser: Organiser, faults: FaultPlan = .none, _ body: (FakePages) async throws -> T) async throws -> T {
        try await FakeAPI.with(organiser, faults: faults) { api in
            let transport = HTTPClientTransport()
            return try await withCleanup { try await body(FakePages(api: api, transport: transport)) } cleanup: {
                try await transport.shutdown()
            }
        }
    }

    func get(_ path: String, body: String?) async throws -> Data {
        let request = TransportRequest(
            method: "GET", url: api.server.baseURL + "/" + path,
            headers: [("Authorization", "Bearer \(FakeAPI.token)"), ("Accept", "application/json"), ("Content-Type", "application/json")],
            body: body.map { Array($0.utf8) })
        let response = try await transport.send(request, timeout: .seconds(10))
        return Data(buffer: response.body)
    }

    /// Every page of `GET orders` (id ascending).
    func orderPages() async throws -> [Data] {
        let pages = (api.organiser.orders.count + 49) / 50
        var out: [Data] = []
        for page in 1...max(pages, 1) {
            out.append(try await get("orders", body: #"{"orderBy":{"id":"asc"},"page":\#(page)}"#))
        }
        return out
    }
}
