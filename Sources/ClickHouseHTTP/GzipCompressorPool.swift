import Synchronization

/// Idle gzip compressors of one client, reused from INSERT to INSERT.
///
/// Each INSERT checks a compressor out for the time it compresses and returns it afterwards, so
/// concurrent batches never share one, and a steady stream of batches allocates no new compressor tables
/// after the first few.
final class GzipCompressorPool: Sendable {
    private let idle = Mutex<[GzipCompressor]>([])
    /// More idle compressors than batches compressed at once would only hold memory.
    private let maxIdle: Int

    init(maxIdle: Int = 4) {
        self.maxIdle = maxIdle
    }

    /// Runs `body` with a compressor of `level` that no one else uses meanwhile.
    func withCompressor<Result>(level: Int, _ body: (GzipCompressor) throws(GzipError) -> Result) throws(GzipError) -> Result {
        let compressor: GzipCompressor
        // Last in, first out: the most recently used compressor is reused (and stays warm).
        if let reused = idle.withLock({ idle in idle.lastIndex { $0.level == level }.map { idle.remove(at: $0) } }) {
            compressor = reused
        } else {
            compressor = try GzipCompressor(level: level)
        }
        defer {
            idle.withLock { idle in
                if idle.count < maxIdle { idle.append(compressor) }
            }
        }
        return try body(compressor)
    }
}
