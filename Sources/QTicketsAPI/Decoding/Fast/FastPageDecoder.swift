import Foundation
import NIOCore

/// Decodes the answers a run reads in bulk (order pages, single orders, seat lists) straight
/// from their bytes: the fields the ingester needs are read, everything else is skipped
/// without building values.
///
/// Results equal `PageDecoder`'s (the `Decodable` reference) for every input: the fast path
/// handles the canonical shapes and hands anything else, a row or the whole answer, to the
/// reference (see `FastPathDeclined`). The agreement tests hold the two together.
public enum FastPageDecoder {
    public static func orders(_ data: Data) throws -> DecodedPage<Order> {
        PageDecoder.split(try data.withUnsafeBytes { try FastListPageDecoder<FastOrderDecoder>.decode($0) })
    }

    public static func order(_ data: Data) throws -> Order {
        try data.withUnsafeBytes { try FastSingleOrderDecoder.decode($0) }.data
    }

    public static func seats(_ data: Data) throws -> DecodedPage<Seat> {
        let envelope = try data.withUnsafeBytes { try FastSeatsDecoder.decode($0) }
        return PageDecoder.split(ListPage(rows: envelope.rows, paging: nil))
    }

    // What the client decodes on the wire, from the response buffer without copying it.

    static func orderPage(_ buffer: ByteBuffer) throws -> ListPage<Order> {
        try buffer.withUnsafeReadableBytes { try FastListPageDecoder<FastOrderDecoder>.decode($0) }
    }

    static func singleOrder(_ buffer: ByteBuffer) throws -> SingleEnvelope<Order> {
        try buffer.withUnsafeReadableBytes { try FastSingleOrderDecoder.decode($0) }
    }

    static func seatsEnvelope(_ buffer: ByteBuffer) throws -> SeatsEnvelope {
        try buffer.withUnsafeReadableBytes { try FastSeatsDecoder.decode($0) }
    }
}
