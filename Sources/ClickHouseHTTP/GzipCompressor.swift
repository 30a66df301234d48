import CZlib
import NIOCore

/// gzip (RFC 1952) over the system zlib, for INSERT bodies sent with `Content-Encoding: gzip`.
///
/// Holds one `z_stream` that is reset, not re-created, between batches (deflateInit allocates
/// a few hundred KB of state). Not thread-safe: one compressor per task; a class because the
/// stream must be released with `deflateEnd` and has a stable address zlib points into.
public final class GzipCompressor {
    public let level: Int
    private var stream: z_stream
    private var initialized = false

    public init(level: Int) throws(GzipError) {
        guard (0...9).contains(level) else { throw GzipError(code: Z_STREAM_ERROR, operation: "level \(level) is not 0...9") }
        self.level = level
        self.stream = z_stream()
        let rc = czlib_deflateInit2_gzip(&stream, Int32(level))
        guard rc == Z_OK else { throw GzipError(code: rc, operation: "deflateInit2") }
        initialized = true
    }

    deinit {
        if initialized { deflateEnd(&stream) }
    }

    /// Compresses all readable bytes of `input` into `output` (cleared first; its capacity is
    /// reused when large enough). One call = one complete gzip member.
    public func compress(_ input: ByteBuffer, into output: inout ByteBuffer) throws(GzipError) {
        output.clear()
        let rc0 = deflateReset(&stream)
        guard rc0 == Z_OK else { throw GzipError(code: rc0, operation: "deflateReset") }
        let bound = Int(deflateBound(&stream, UInt(input.readableBytes)))
        output.reserveCapacity(minimumWritableBytes: bound)
        var rc: Int32 = Z_OK
        input.withUnsafeReadableBytes { source in
            _ = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                rc = deflate(&stream, Z_FINISH)
                stream.next_in = nil
                stream.next_out = nil
                return target.count - Int(stream.avail_out)
            }
        }
        // With an output of deflateBound bytes, one Z_FINISH call must complete the stream.
        guard rc == Z_STREAM_END else { throw GzipError(code: rc, operation: "deflate") }
    }

    /// Convenience: a new buffer holding the gzip of `input`.
    public func compress(_ input: ByteBuffer) throws(GzipError) -> ByteBuffer {
        var out = ByteBuffer()
        try compress(input, into: &out)
        return out
    }
}

/// A zlib failure (should not happen with valid parameters and enough memory).
public struct GzipError: Error, Sendable, CustomStringConvertible, Equatable {
    public let code: Int32
    public let operation: String
    public var description: String { "zlib \(operation) failed (code \(code))" }
}
