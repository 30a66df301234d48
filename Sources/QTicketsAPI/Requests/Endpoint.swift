/// A read-only API route. `label` is what logs, metrics and errors show: it never contains ids,
/// so the metrics' label cardinality stays small.
///
/// Only GET routes exist here on purpose: the API's writing routes (`POST orders`,
/// `POST shows/{id}/barcodes`, which marks tickets as scanned) must be unreachable.
struct Endpoint: Sendable, Hashable {
    let label: String
    let path: String

    static let events = Endpoint(label: "events", path: "events")
    static let orders = Endpoint(label: "orders", path: "orders")
    static func order(id: Int) -> Endpoint { Endpoint(label: "orders/{id}", path: "orders/\(id)") }
    static func seats(showID: Int) -> Endpoint { Endpoint(label: "shows/{id}/seats", path: "shows/\(showID)/seats") }
}
