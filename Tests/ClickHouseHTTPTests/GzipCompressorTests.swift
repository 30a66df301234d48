@testable import ClickHouseHTTP
import CZlib
import NIOCore
import Testing

@Suite struct GzipCompressorTests {
    /// Inflates with zlib's automatic header detection, checking the gzip wrapper end to end.
    static func gunzip(_ input: ByteBuffer) throws -> [UInt8] {
        var stream = z_stream()
        #expect(czlib_inflateInit2_auto(&stream) == Z_OK)
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var rc: Int32 = Z_OK
        var source = Array(input.readableBytesView)
        source.withUnsafeMutableBufferPointer { src in
            stream.next_in = src.baseAddress
            stream.avail_in = uInt(src.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { dst in
                    stream.next_out = dst.baseAddress
                    stream.avail_out = uInt(dst.count)
                    rc = inflate(&stream, Z_NO_FLUSH)
                    out.append(contentsOf: dst[0..<(dst.count - Int(stream.avail_out))])
                }
            } while rc == Z_OK
        }
        #expect(rc == Z_STREAM_END)
        return out
    }

    @Test(arguments: [0, 1, 6, 9])
    func roundTripThroughInflate(level: Int) throws {
        var input = ByteBuffer()
        for i in 0..<200_000 { input.writeInteger(UInt32(i % 977), endianness: .little) }
        let compressor = try GzipCompressor(level: level)
        var output = ByteBuffer()
        try compressor.compress(input, into: &output)
        #expect(output.readableBytesView.prefix(2).elementsEqual([0x1F, 0x8B]))  // gzip magic
        #expect(try Self.gunzip(output) == Array(input.readableBytesView))
        // The same compressor and output buffer are reused for the next batch.
        var second = ByteBuffer(string: "второй batch")
        try compressor.compress(second, into: &output)
        #expect(try Self.gunzip(output) == Array(second.readableBytesView))
        second.clear()
        try compressor.compress(second, into: &output)
        #expect(try Self.gunzip(output) == [])
    }

    /// Concurrent INSERTs each compress with a compressor of their own, and a compressor is
    /// reused by the next INSERT rather than made again.
    @Test func thePoolGivesEachCallerItsOwnCompressorAndReusesThem() async throws {
        let pool = GzipCompressorPool()
        let inputs = (0..<8).map { i in
            var buffer = ByteBuffer()
            for j in 0..<50_000 { buffer.writeInteger(UInt32((i * 7_919 + j) % 977), endianness: .little) }
            return buffer
        }
        let outputs = try await withThrowingTaskGroup(of: (Int, ByteBuffer).self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask {
                    (index, try pool.withCompressor(level: 1) { compressor throws(GzipError) in try compressor.compress(input) })
                }
            }
            var outputs: [Int: ByteBuffer] = [:]
            for try await (index, output) in group { outputs[index] = output }
            return outputs
        }
        for (index, input) in inputs.enumerated() {
            #expect(try Self.gunzip(try #require(outputs[index])) == Array(input.readableBytesView))
        }
        let first = try pool.withCompressor(level: 1) { ObjectIdentifier($0) }
        let second = try pool.withCompressor(level: 1) { ObjectIdentifier($0) }
        #expect(first == second)
        #expect(try pool.withCompressor(level: 6) { $0.level } == 6)
    }

    @Test func invalidLevelIsRejected() {
        #expect(throws: GzipError.self) { try GzipCompressor(level: 12) }
    }
}
