/// `GET orders/{id}`: `{"data":{order}}`, mirroring `SingleEnvelope<Order>`. The order is not
/// isolated (there is nothing else in the answer): whatever the fast path declines, the
/// reference decodes, and its error is the answer's error.
enum FastSingleOrderDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> SingleEnvelope<Order> {
        do {
            return try fast(bytes)
        } catch {
            return try ReferenceDecoding.decode(SingleEnvelope<Order>.self, from: bytes)
        }
    }

    private static func fast(_ bytes: UnsafeRawBufferPointer) throws(FastPathDeclined) -> SingleEnvelope<Order> {
        var c = JSONCursor(bytes)
        var order: Order?
        try c.forEachMember(depth: 0) { c, name throws(FastPathDeclined) in
            if order == nil, c.name(name, is: "data") {
                order = try FastOrderDecoder.row(&c, depth: 1)
            } else {
                try c.skipValue(depth: 1)
            }
        }
        try c.expectEnd()
        guard let order else { throw FastPathDeclined() }
        return SingleEnvelope(data: order)
    }
}
