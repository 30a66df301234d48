import Foundation
import NIOCore
import QTicketsAPI
import QTicketsFake

/// Order pages exactly as the fake serves them (its generator renders the real API's shapes and
/// quirks), fetched once over loopback and kept as raw bytes for the decoders to chew on.
enum FakeCorpus {
    /// Every order page of an organiser with `orders` orders, and the seat list of each of its shows
    /// (the client's own request body: flat, minimal `select`).
    static func answers(orders: Int) async throws -> (orderPages: [Data], seatLists: [Data]) {
        let organiser = Organiser.generate(
            OrganiserSpec(seed: 1, events: 200, orders: orders, historyHours: 8760), now: Date(timeIntervalSince1970: 1_764_000_000))
        let server = try await FakeQTicketsServer.start(organiser: organiser, token: "bench-token")
        let transport = HTTPClientTransport()
        func get(_ path: String, _ body: String) async throws -> Data {
            let request = TransportRequest(
                method: "GET", url: server.baseURL + "/" + path,
                headers: [("Authorization", "Bearer bench-token"), ("Content-Type", "application/json")], body: Array(body.utf8))
            return Data(try await transport.send(request, timeout: .seconds(30)).body.readableBytesView)
        }
        var pages: [Data] = []
        for page in 1...max(1, (orders + 49) / 50) {
            pages.append(try await get("orders", #"{"orderBy":{"id":"asc"},"page":\#(page)}"#))
        }
        let select = #"["id","root_id","zone_id","admission","max_quantity","free_quantity","payed_quantity","in_basket_quantity","disabled"]"#
        var seats: [Data] = []
        for showID in organiser.showIDs {
            seats.append(try await get("shows/\(showID)/seats", #"{"flat":true,"select":\#(select)}"#))
        }
        try await transport.shutdown()
        try await server.shutdown()
        return (pages, seats)
    }
}
