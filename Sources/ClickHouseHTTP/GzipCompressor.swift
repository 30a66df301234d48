import CLibdeflate
import NIOCore
import Synchronization

/// gzip (RFC 1952) by libdeflate, for INSERT bodies sent with `Content-Encoding: gzip`.
///
/// Why libdeflate and not zlib: a body is compressed whole (``InsertBody`` is built once and
/// retried as it is), which is what libdeflate does best. On a batch of the ticket table's
/// RowBinary (993 KB), level 1 took 1.83 ms against zlib's 3.62 ms, and came out 5% smaller;
/// zlib's deflate was 9.3% of a 1M-order backfill's CPU. Linked statically (Package.swift), as
/// for the answers' inflation in `QTicketsAPI`.
///
/// Holds one libdeflate compressor (its tables allocated once, reused for every body);
/// ``GzipCompressorPool`` keeps compressors for reuse. A compressor is not safe to use from two
/// threads at once, so it sits behind a lock and can be handed from task to task: one
/// compression at a time.
public final class GzipCompressor: Sendable {
    public let level: Int
    private let compressor: Mutex<OpaquePointer>

    /// `level`: 0 (stored blocks only) … 9, as zlib's scale (libdeflate's goes on to 12).
    public init(level: Int) throws(GzipError) {
        guard (0...9).contains(level) else { throw GzipError(code: -1, operation: "level \(level) is not 0...9") }
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw GzipError(code: -1, operation: "libdeflate_alloc_compressor (out of memory)")
        }
        self.level = level
        self.compressor = Mutex(compressor)
    }

    deinit {
        compressor.withLock { libdeflate_free_compressor($0) }
    }

    /// Compresses all readable bytes of `input` into `output` (cleared first; its capacity is
    /// reused when large enough). One call = one complete gzip member.
    public func compress(_ input: ByteBuffer, into output: inout ByteBuffer) throws(GzipError) {
        output.clear()
        let written = compressor.withLock { compressor in
            let bound = libdeflate_gzip_compress_bound(compressor, input.readableBytes)
            output.reserveCapacity(minimumWritableBytes: bound)
            return input.withUnsafeReadableBytes { source in
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                    libdeflate_gzip_compress(compressor, source.baseAddress, source.count, target.baseAddress, target.count)
                }
            }
        }
        // With an output of the bound's size, 0 (did not fit) cannot happen.
        guard written > 0 else { throw GzipError(code: -1, operation: "libdeflate_gzip_compress") }
    }

    /// Convenience: a new buffer holding the gzip of `input`.
    public func compress(_ input: ByteBuffer) throws(GzipError) -> ByteBuffer {
        var out = ByteBuffer()
        try compress(input, into: &out)
        return out
    }
}

/// A compression failure (should not happen with valid parameters and enough memory).
public struct GzipError: Error, Sendable, CustomStringConvertible, Equatable {
    public let code: Int32
    public let operation: String
    public var description: String { "gzip: \(operation) failed (code \(code))" }
}
