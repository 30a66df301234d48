/// Which query settings a server understands.
///
/// ClickHouse rejects any setting it does not know (18.16 answers 404, Code 115), and
/// production runs a much newer server than the tests. A setting listed here is sent only when
/// `SELECT version()` is at least its minimum; settings not listed are assumed to be old
/// enough for every server and are always sent.
public enum ClickHouseSettings {
    /// Setting name → first version that accepts it (the release that introduced it). Extend
    /// this table when the ingester starts using another newer setting..
    public static let minimumVersions: [String: ClickHouseVersion] = [
        "async_insert": ClickHouseVersion(21, 11),
        "wait_for_async_insert": ClickHouseVersion(21, 11),
        "async_insert_deduplicate": ClickHouseVersion(22, 6),
        "insert_deduplication_token": ClickHouseVersion(22, 2),
        "allow_experimental_low_cardinality_type": ClickHouseVersion(100, 0),  // never send: profile-only on 18.x, unknown later
    ]

    /// Splits `settings` into those to send to `version` (sorted by name, for stable URLs) and
    /// the names withheld because the server is too old.
    public static func applicable(
        _ settings: [String: String], for version: ClickHouseVersion?
    ) -> (send: [(name: String, value: String)], withheld: [String]) {
        var send: [(name: String, value: String)] = []
        var withheld: [String] = []
        for (name, value) in settings.sorted(by: { $0.key < $1.key }) {
            if let minimum = minimumVersions[name], version.map({ $0 < minimum }) ?? true {
                withheld.append(name)
            } else {
                send.append((name, value))
            }
        }
        return (send, withheld)
    }

    /// Whether any of `settings` needs the server version to decide.
    static func needsVersion(_ settings: [String: String]) -> Bool {
        settings.keys.contains { minimumVersions[$0] != nil }
    }
}
