import CZlib
import NIOCore
import Synchronization

/// gzip (RFC 1952) over the system zlib, for INSERT bodies sent with `Content-Encoding: gzip`.
///
/// Holds one `z_stream` that is reset, not re-created, between bodies (deflateInit allocates a
/// few hundred KB of state); ``GzipCompressorPool`` keeps compressors for reuse. The stream is
/// allocated once so its address never moves (zlib keeps a pointer back to it), and sits behind
/// a lock, so a compressor can be handed from task to task; one compression at a time.
public final class GzipCompressor: Sendable {
    public let level: Int
    private let stream: Mutex<UnsafeMutablePointer<z_stream>>

    public init(level: Int) throws(GzipError) {
        guard (0...9).contains(level) else { throw GzipError(code: Z_STREAM_ERROR, operation: "level \(level) is not 0...9") }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = czlib_deflateInit2_gzip(stream, Int32(level))
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw GzipError(code: rc, operation: "deflateInit2")
        }
        self.level = level
        self.stream = Mutex(stream)
    }

    deinit {
        stream.withLock { stream in
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
    }

    /// Compresses all readable bytes of `input` into `output` (cleared first; its capacity is
    /// reused when large enough). One call = one complete gzip member.
    public func compress(_ input: ByteBuffer, into output: inout ByteBuffer) throws(GzipError) {
        output.clear()
        try stream.withLock { (stream) throws(GzipError) in
            let reset = deflateReset(stream)
            guard reset == Z_OK else { throw GzipError(code: reset, operation: "deflateReset") }
            let bound = Int(deflateBound(stream, UInt(input.readableBytes)))
            output.reserveCapacity(minimumWritableBytes: bound)
            var rc: Int32 = Z_OK
            input.withUnsafeReadableBytes { source in
                _ = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                    stream.pointee.avail_in = uInt(source.count)
                    stream.pointee.next_out = target.bindMemory(to: Bytef.self).baseAddress
                    stream.pointee.avail_out = uInt(target.count)
                    rc = deflate(stream, Z_FINISH)
                    stream.pointee.next_in = nil
                    stream.pointee.next_out = nil
                    return target.count - Int(stream.pointee.avail_out)
                }
            }
            // With an output of deflateBound bytes, one Z_FINISH call must complete the stream.
            guard rc == Z_STREAM_END else { throw GzipError(code: rc, operation: "deflate") }
        }
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
