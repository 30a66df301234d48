import CZlib
import NIOCore

/// zlib's streaming inflate, for the bodies ``GzipInflater`` does not hold whole: past a few
/// megabytes compressed, no page of JSON is that large, and an answer that inflates to
/// gigabytes (a gzip bomb, or a compressed stream that never ends) must be refused as
/// `ResponseTooLarge` as soon as the inflated bytes pass the limit, not after it has sent the
/// limit's worth of compressed bytes.
///
/// One inflater per body, used by one task (not Sendable). The `z_stream` is allocated once so
/// that its address never moves: zlib keeps a pointer back to it.
final class StreamingGzipInflater {
    let limit: Int
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: ByteBuffer
    private var ended = false

    /// `output`: a buffer to inflate into (cleared first; its capacity is reused).
    init(limit: Int, expectedBytes: Int = 65_536, output: consuming ByteBuffer? = nil) throws {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_inflateInit2_auto(stream) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw GzipInflater.Corrupt(code: Z_STREAM_ERROR)
        }
        self.stream = stream
        self.limit = limit
        self.output = .reused(consume output, orCapacity: min(limit, max(4_096, expectedBytes)))
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates the next piece of the body. Bytes after the end of the gzip stream are ignored.
    func feed(_ chunk: ByteBuffer) throws {
        guard !ended, chunk.readableBytes > 0 else { return }
        try chunk.withUnsafeReadableBytes { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = uInt(source.count)
            defer {
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
            }
            while stream.pointee.avail_in > 0, !ended {
                guard output.readableBytes < limit else { throw ResponseTooLarge(limit: limit) }
                let room = min(limit - output.readableBytes, max(65_536, output.readableBytes))
                var rc: Int32 = Z_OK
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { target in
                    let usable = min(room, target.count)
                    stream.pointee.next_out = target.bindMemory(to: Bytef.self).baseAddress
                    stream.pointee.avail_out = uInt(usable)
                    rc = CZlib.inflate(stream, Z_NO_FLUSH)
                    return usable - Int(stream.pointee.avail_out)
                }
                switch rc {
                case Z_STREAM_END: ended = true
                case Z_OK, Z_BUF_ERROR: continue  // Z_BUF_ERROR: no room was left; the guard decides
                default: throw GzipInflater.Corrupt(code: rc)
                }
            }
        }
    }

    /// The inflated body; throws `Corrupt` when the gzip stream did not end (cut short).
    func finish() throws -> ByteBuffer {
        guard ended else { throw GzipInflater.Corrupt(code: Z_BUF_ERROR) }
        // Handed over, not shared: a body the transport gets back for reuse must be uniquely
        // referenced, or clearing it allocates a fresh megabytes-large buffer (measured: 437 of
        // 694 answers of a 100k-order backfill did, each one mmapped and page-faulted anew).
        let body = output
        output = ByteBuffer()
        return body
    }
}
