import Foundation

/// `{"flat":true,"select":[...]}` for `GET shows/{id}/seats`: flat rows, and only the fields the
/// inventory needs (the full answer carries coordinates and sales settings per seat).
struct SeatsRequestBody: Encodable, Sendable {
    var flat = true
    var select = ["id", "root_id", "zone_id", "admission", "max_quantity", "free_quantity", "payed_quantity", "in_basket_quantity", "disabled"]

    /// The default body's bytes, encoded once: a run asks for the seats of every pollable show
    /// (555 requests in a 100k backfill), each time with the same body.
    static let standard: [UInt8]? = try? SeatsRequestBody().jsonBytes()

    func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
