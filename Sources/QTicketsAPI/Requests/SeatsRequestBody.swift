import Foundation

/// `{"flat":true,"select":[...]}` for `GET shows/{id}/seats`: flat rows, and only the fields the
/// inventory needs (the full answer carries coordinates and sales settings per seat).
struct SeatsRequestBody: Encodable, Sendable {
    var flat = true
    var select = ["id", "root_id", "zone_id", "admission", "max_quantity", "free_quantity", "payed_quantity", "in_basket_quantity", "disabled"]

    func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
