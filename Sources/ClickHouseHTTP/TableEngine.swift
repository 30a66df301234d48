/// The engine a ``TableDefinition`` is created with: the same `ReplacingMergeTree` (same
/// version column, partition and sorting key) on one server, or its replicated form on a
/// cluster, so a table's data layout never depends on where it lives.
public enum TableEngine: Sendable, Hashable {
    /// `ReplacingMergeTree`: one server, or a table local to one replica of a cluster.
    case replacing
    /// `ReplicatedReplacingMergeTree(zooKeeperPath, replica)`: the replicas of one table share
    /// `zooKeeperPath` and each names itself `replica`; both may hold server macros
    /// (`{shard}`, `{replica}`), which each server expands itself.
    case replicatedReplacing(zooKeeperPath: String, replica: String)

    /// `Name(arguments…)` for a table whose version column is `versionColumn`.
    func sql(versionColumn: String?) -> String {
        let version = versionColumn.map(SQLQuoting.identifier)
        switch self {
        case .replacing:
            return "ReplacingMergeTree(\(version ?? ""))"
        case .replicatedReplacing(let path, let replica):
            let arguments = [SQLQuoting.stringLiteral(path), SQLQuoting.stringLiteral(replica)] + (version.map { [$0] } ?? [])
            return "ReplicatedReplacingMergeTree(\(arguments.joined(separator: ", ")))"
        }
    }
}
