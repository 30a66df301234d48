import NIOCore

/// An INSERT body ready for the wire: RowBinary bytes, compressed once as configured.
///
/// Made by ``ClickHouseClient/encode(_:compression:)``, the one place that compresses; a retried
/// INSERT sends the very same bytes again.
public struct InsertBody: Sendable {
    /// What goes on the wire.
    public let bytes: ByteBuffer
    /// Uncompressed RowBinary bytes.
    public let rawByteCount: Int
    public let compression: Compression

    /// Bytes on the wire (equal to ``rawByteCount`` without compression).
    public var sentByteCount: Int { bytes.readableBytes }
}
