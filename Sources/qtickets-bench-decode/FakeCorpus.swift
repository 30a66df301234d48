import Foundation
import NIOCore
import QTicketsAPI
import QTicketsFake

/// Order pages exactly as the fake serves them (its generator renders the real API's shapes and
/// quirks), fetched once over loopback and kept as raw bytes for the decoders to chew on.
enum FakeCorpus {
    static func orderPages(orders: Int) async throws -> [Data] {
        let organiser = Organiser.generate(
            OrganiserSpec(seed: 1, events: 200, orders: orders, historyHours: 8760), now: Date(timeIntervalSince1970: 1_764_000_000))
        let server = try await FakeQTicketsServer.start(organiser: organiser, token: "bench-token")
        let transport = HTTPClientTransport()
        var pages: [Data] = []
        for page in 1...max(1, (orders + 49) / 50) {
            let request = TransportRequest(
                method: "GET", url: server.baseURL + "/orders",
                headers: [("Authorization", "Bearer bench-token"), ("Content-Type", "application/json")],
                body: Array(#"{"orderBy":{"id":"asc"},"page":\#(page)}"#.utf8))
            pages.append(Data(try await transport.send(request, timeout: .seconds(30)).body.readableBytesView))
        }
        try await transport.shutdown()
        try await server.shutdown()
        return pages
    }
}
