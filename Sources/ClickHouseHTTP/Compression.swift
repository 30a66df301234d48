/// How an INSERT body is compressed on the wire.
///
/// gzip is the one `Content-Encoding` that ClickHouse 18.16 and current servers both accept.
/// On loopback compression is pure cost; over a real network level 1 usually pays for itself.
public enum Compression: Sendable, Hashable, CustomStringConvertible {
    case none
    /// Level 0 (stored blocks) … 1 (fastest) … 9 (smallest), on zlib's scale (``GzipCompressor``).
    case gzip(level: Int)

    public var description: String {
        switch self {
        case .none: "none"
        case .gzip(let level): "gzip(level: \(level))"
        }
    }
}
