import Foundation
import NIOCore
import QTicketsFake
@testable import QTicketsAPI

/// Raw answers of a running fake (its generator renders real-shaped pages), fetched without any
/// decoding so both decoders can be given the very same bytes.
struct FakePages {
    let api: FakeAPI
    let transport = HTTPClientTransport()

    static func start(_ organiser: Organiser, faults: FaultPlan = .none) async throws -> FakePages {
        FakePages(api: try await FakeAPI.start(organiser, faults: faults))
    }

    func stop() async throws {
        try await transport.shutdown()
        try await api.stop()
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
