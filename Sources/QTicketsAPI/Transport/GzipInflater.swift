import CLibdeflate
import NIOCore

/// Inflates a gzip response body (the client asks `Accept-Encoding: gzip`: JSON pages shrink
/// about tenfold on the wire), with a ceiling on the inflated size: an answer that inflates past
/// the limit (a gzip bomb, a compressed stream that never ends) is refused as `ResponseTooLarge`,
/// like a plain answer.
///
/// Why whole bodies and libdeflate, not zlib's streaming inflate: inflating was the largest
/// single cost of a backfill (zlib, its CRC-32 included, about a quarter of the ingester's CPU:
/// 2.5 GB of JSON per million orders). libdeflate inflates a 1,000-order page (271 KB → 2.47 MB)
/// in 0.85 ms against zlib's 2.82 ms on this machine kind. The compressed body is held until it
/// is complete: a few hundred kilobytes. The gzip trailer's size (ISIZE, modulo 4 GiB) sizes the
/// output; a body it lies about gets the limit, and no more. A body still streaming after
/// ``wholeBodyTime``, or past ``wholeBodyBytes`` compressed (no page of JSON is that large),
/// goes on through zlib's streaming inflate (``StreamingGzipInflater``), which refuses it as soon
/// as its inflated bytes pass the limit: a stream of spaces compresses a thousandfold, so its
/// compressed size says nothing, and it would otherwise only end at the deadline. A slow body
/// loses nothing by it: there the network, not the CPU, is the bottleneck.
///
/// One inflater per body, used by one task (not Sendable).
final class GzipInflater {
    /// A gzip body that does not inflate (cut short, corrupt): retried like a truncated body.
    struct Corrupt: Error, Sendable, Equatable {
        var code: Int32
    }

    /// Past this many compressed bytes (or the limit, if lower), a body is inflated as it
    /// streams: 4 MiB of compressed JSON is about 36 MiB inflated, past the default limit.
    static let wholeBodyBytes = 4 << 20
    /// Past this long since the first piece, a body is inflated as it streams (a 1,000-order
    /// page arrives in a few milliseconds on loopback, tens on a real network).
    static let wholeBodyTime: Duration = .milliseconds(250)

    let limit: Int
    private let decompressor: OpaquePointer
    private var compressed: ByteBuffer
    private var output: ByteBuffer
    /// The streaming inflater, once the body outgrew ``wholeBodyBytes`` or ``wholeBodyTime``.
    private var streaming: StreamingGzipInflater?
    private var firstPiece: ContinuousClock.Instant?

    /// `output`: a buffer to inflate into (cleared first; its capacity is reused).
    init(limit: Int, expectedBytes: Int = 65_536, output: consuming ByteBuffer? = nil) throws {
        guard let decompressor = libdeflate_alloc_decompressor() else { throw Corrupt(code: -1) }
        self.decompressor = decompressor
        self.limit = limit
        self.compressed = ByteBufferAllocator().buffer(capacity: 65_536)
        self.output = .reused(consume output, orCapacity: min(limit, max(4_096, expectedBytes)))
    }

    deinit {
        libdeflate_free_decompressor(decompressor)
    }

    /// The next piece of the body (held until ``finish()``, or inflated now past
    /// ``wholeBodyBytes``).
    func feed(_ chunk: ByteBuffer) throws {
        if let streaming { return try streaming.feed(chunk) }
        let now = ContinuousClock.now
        let first = firstPiece ?? now
        firstPiece = first
        guard compressed.readableBytes + chunk.readableBytes > min(limit, Self.wholeBodyBytes) || now - first > Self.wholeBodyTime else {
            var chunk = chunk
            compressed.writeBuffer(&chunk)
            return
        }
        let spare = output
        output = ByteBuffer()  // handed over whole: the streaming inflater clears and reuses it
        let streaming = try StreamingGzipInflater(limit: limit, output: consume spare)
        self.streaming = streaming
        try streaming.feed(compressed)
        compressed = ByteBuffer()
        try streaming.feed(chunk)
    }

    /// The inflated body; throws `Corrupt` when the gzip stream does not inflate or did not end
    /// (cut short), `ResponseTooLarge` past the limit. Bytes after the end of the gzip stream are
    /// ignored.
    func finish() throws -> ByteBuffer {
        if let streaming { return try streaming.finish() }
        let size = compressed.readableBytes
        let trailer = size >= 4 ? compressed.getInteger(at: compressed.readerIndex + size - 4, endianness: .little, as: UInt32.self) : nil
        var room = min(limit, max(4_096, Int(trailer ?? 0)))
        while true {
            switch inflate(room: room) {
            case LIBDEFLATE_SUCCESS:
                // Handed over, not shared: a body the transport gets back for reuse must be
                // uniquely referenced, or clearing it allocates a fresh megabytes-large buffer
                // (measured: 437 of 694 answers of a 100k-order backfill did).
                let body = output
                output = ByteBuffer()
                return body
            case LIBDEFLATE_INSUFFICIENT_SPACE where room < limit:
                room = limit  // the trailer lied (or the body is over 4 GiB): the limit, no more
            case LIBDEFLATE_INSUFFICIENT_SPACE:
                throw ResponseTooLarge(limit: limit)
            case let other:
                throw Corrupt(code: Int32(bitPattern: other.rawValue))
            }
        }
    }

    /// One attempt into `room` bytes of output.
    private func inflate(room: Int) -> libdeflate_result {
        var result = LIBDEFLATE_BAD_DATA
        output.clear()
        _ = compressed.withUnsafeReadableBytes { input in
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { target in
                var read = 0
                var written = 0
                result = libdeflate_gzip_decompress_ex(
                    decompressor, input.baseAddress, input.count, target.baseAddress, min(room, target.count), &read, &written)
                return result == LIBDEFLATE_SUCCESS ? written : 0
            }
        }
        return result
    }

    /// A whole gzip body inflated under `limit`.
    static func inflate(_ input: ByteBuffer, limit: Int) throws -> ByteBuffer {
        let inflater = try GzipInflater(limit: limit, expectedBytes: input.readableBytes * 8)
        try inflater.feed(input)
        return try inflater.finish()
    }

    /// True when a `Content-Encoding` value names gzip.
    static func isGzip(_ contentEncoding: String?) -> Bool {
        guard let contentEncoding else { return false }
        return contentEncoding.lowercased().split(separator: ",").contains {
            let name = $0.filter { $0 != " " && $0 != "\t" }
            return name == "gzip" || name == "x-gzip"
        }
    }
}
