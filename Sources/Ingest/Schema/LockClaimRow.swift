import ClickHouseHTTP

/// One run's claim on the run lock (`meta_ingest_lock`), keyed by (lock key, run id).
///
/// Never written from the host's clock: the claim, its heartbeats and its release are
/// `INSERT … SELECT` statements whose `claimed_at`/`heartbeat_at` are the server's `now()`, so
/// hosts with different clocks compare claims on one clock (``LockLeaseSQL``). This type
/// declares the table; ``LeaseClaim`` is a claim as read back.
public struct LockClaimRow: ColumnarRow, Equatable {
    /// `database/organiser`: what one run at a time is about.
    public var lockKey: String
    public var runID: String
    /// The holder's host name, for the operator.
    public var host: String
    /// Where `pid` means something: boot id and PID namespace (``MachineIdentity``).
    public var machine: String
    public var pid: UInt32
    public var claimedAt: UInt32
    public var heartbeatAt: UInt32
    /// 1 once the holder let go (or a successor found it dead).
    public var released: UInt8
    /// The announce 0, the ticket 1, then each heartbeat one more; a release is
    /// ``LockLeaseSQL/releasedVersion``.
    public var version: UInt64

    public static let columns: [TableColumn<LockClaimRow>] = [
        .string("lock_key", \.lockKey),
        .string("run_id", \.runID),
        .string("host", \.host),
        .string("machine", \.machine),
        .uInt32("pid", \.pid),
        .dateTime("claimed_at", \.claimedAt),
        .dateTime("heartbeat_at", \.heartbeatAt),
        .uInt8("released", \.released),
        .version(\.version),
    ]

    public static let table = TableDefinition(
        name: "meta_ingest_lock", columns: columns, orderBy: ["lock_key", "run_id"], versionColumn: "version")
}
