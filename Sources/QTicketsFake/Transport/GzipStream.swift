import CZlib
import NIOCore

/// One gzip member produced chunk by chunk, for response bodies: a whole page in one call, or
/// a streamed body (200 MB of hostile JSON) piece by piece without holding it.
///
/// A class because `z_stream` must stay at one address and be released with `deflateEnd`.
/// Used from one event loop only (one response), never shared.
final class GzipStream {
    private var stream = z_stream()
    private var initialized = false

    /// Level 1: the fake should spend its CPU on rendering, and the ratio on JSON is close to level 6.
    init?(level: Int32 = 1) {
        guard czlib_deflateInit2_gzip(&stream, level) == Z_OK else { return nil }
        initialized = true
    }

    deinit {
        if initialized { deflateEnd(&stream) }
    }

    enum Flush {
        /// zlib keeps what does not fill a block: best ratio, output may be empty.
        case none
        /// Everything given so far leaves now (a slow or trickling body must reach the client
        /// as it is written, not when zlib's buffer fills).
        case sync
        /// The member is closed (trailer written).
        case finish
    }

    func compress(_ input: ByteBuffer, flush mode: Flush, allocator: ByteBufferAllocator) -> ByteBuffer {
        var output = allocator.buffer(capacity: max(64, input.readableBytes / 4))
        let finish = mode == .finish
        let flush = finish ? Z_FINISH : mode == .sync ? Z_SYNC_FLUSH : Z_NO_FLUSH
        input.withUnsafeReadableBytes { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(source.count)
            var rc = Z_OK
            repeat {
                output.reserveCapacity(minimumWritableBytes: 16_384)
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { target in
                    stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(target.count)
                    rc = deflate(&stream, flush)
                    return target.count - Int(stream.avail_out)
                }
                // Z_BUF_ERROR only means "no progress possible": with input consumed, we are done.
            } while stream.avail_out == 0 || (finish && rc == Z_OK)
            stream.next_in = nil
            stream.next_out = nil
        }
        return output
    }
}
