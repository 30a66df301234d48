import NIOCore

/// A response body produced chunk by chunk from a few parts, each repeated: a page written
/// slowly (`[(page, 1)]`), a 200 MB page (`[(head, 1), (order + ",", 70_000), (tail, 1)]`), a
/// 50 MB string (`[(before, 1), ("x", 50M), (after, 1)]`), a body that never ends
/// (`[(page, 1), (" ", .max)]`). Memory stays at one chunk plus one tile per part, whatever
/// the body's size.
struct StreamedBody {
    struct Part {
        /// The part's bytes repeated to at least one chunk (plus one unit), so that any
        /// `chunkBytes` run of the repetition is one contiguous slice of it.
        let tile: ByteBuffer
        let unitBytes: Int
        /// unit × count, or `Int.max` (endless) when that overflows.
        let totalBytes: Int
    }

    private var parts: [Part] = []
    private var partIndex = 0
    private var offset = 0  // within the current part
    let chunkBytes: Int
    /// Sum of the parts' sizes; nil when the body is endless.
    private(set) var length: Int? = 0

    init(chunkBytes: Int) {
        self.chunkBytes = max(1, chunkBytes)
    }

    mutating func append(_ unit: ByteBuffer, times count: Int = 1) {
        guard unit.readableBytes > 0, count > 0 else { return }
        let (total, overflow) = unit.readableBytes.multipliedReportingOverflow(by: count)
        let totalBytes = overflow ? Int.max : total
        var tile = unit
        if count > 1 {
            let copies = min(count, (chunkBytes + unit.readableBytes) / unit.readableBytes + 1)
            tile = ByteBuffer()
            tile.reserveCapacity(copies * unit.readableBytes)
            for _ in 0..<copies { tile.writeImmutableBuffer(unit) }
        }
        parts.append(Part(tile: tile, unitBytes: unit.readableBytes, totalBytes: totalBytes))
        if let current = length {
            let (sum, overflow) = current.addingReportingOverflow(totalBytes)
            length = overflow || totalBytes == .max ? nil : sum
        }
    }

    /// The next chunk (at most `chunkBytes`), or nil at the end.
    mutating func next(allocator: ByteBufferAllocator) -> ByteBuffer? {
        var chunk: ByteBuffer?
        while partIndex < parts.count, (chunk?.readableBytes ?? 0) < chunkBytes {
            let part = parts[partIndex]
            let want = min(chunkBytes - (chunk?.readableBytes ?? 0), part.totalBytes - offset)
            let start = part.unitBytes == part.totalBytes ? offset : offset % part.unitBytes
            if let slice = part.tile.getSlice(at: part.tile.readerIndex + start, length: want) {
                if chunk == nil { chunk = slice } else { chunk?.writeImmutableBuffer(slice) }
            }
            offset += want
            if offset >= part.totalBytes {
                partIndex += 1
                offset = 0
            }
        }
        return chunk
    }
}
