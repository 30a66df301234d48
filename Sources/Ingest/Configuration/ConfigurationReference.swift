/// The configuration documentation, rendered from the key declarations (``ConfigKeys``): the
/// README's table and `configs/.env.qtickets_api.sample`. A test keeps both files equal to
/// what this renders, so the documentation cannot drift from what the ingester reads.
public enum ConfigurationReference {
    /// The README's table stands between these two lines.
    public static let tableBegin = "<!-- BEGIN generated from ConfigKeys: QT_UPDATE_GENERATED=1 swift test --filter ConfigurationReferenceTests -->"
    public static let tableEnd = "<!-- END generated from ConfigKeys -->"

    /// `| key | required | default | meaning |`, one row per key.
    public static func readmeTable(_ keys: [any AnyConfigKey] = ConfigKeys.all) -> String {
        var lines = [row(["key", "required", "default", "meaning"]), "|---|---|---|---|"]
        for key in keys {
            let required: String
            let fallback: String
            switch key.presence {
            case .required: (required, fallback) = ("yes", "")
            case .requiredMayBeEmpty: (required, fallback) = ("yes (may be empty)", "")
            case .defaulted(let text): (required, fallback) = ("no", text.isEmpty ? "" : "`\(text)`")
            }
            lines.append(row(["`\(key.name)`", required, fallback, key.doc]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `| a | b |`, an empty cell as `| |`.
    private static func row(_ cells: [String]) -> String {
        "|" + cells.map { $0.isEmpty ? " " : " \($0) " }.joined(separator: "|") + "|"
    }

    /// `readme` with the text between ``tableBegin`` and ``tableEnd`` replaced by `table`; `nil`
    /// when the markers are missing.
    public static func readme(_ readme: String, replacingTableWith table: String) -> String? {
        guard let begin = readme.range(of: tableBegin + "\n"),
            let end = readme.range(of: tableEnd, range: begin.upperBound..<readme.endIndex)
        else { return nil }
        return readme.replacingCharacters(in: begin.upperBound..<end.lowerBound, with: table)
    }

    /// The sample env file: every key with its doc line; required keys with an example value,
    /// the others with their default, and features that are off unless set commented out.
    public static func sampleFile(_ keys: [any AnyConfigKey] = ConfigKeys.all) -> String {
        var lines = [
            "# qtickets-ingest configuration (dotenv). Copy to secrets/.env.qtickets_api and fill in.",
            "# Later --envfile files win over earlier ones; the process environment wins over files.",
            "# The CLICKHOUSE_* keys may live in a file of their own (e.g. secrets/.env.ch).",
            "# Generated from ConfigKeys (Sources/Ingest/Configuration/ConfigKeys.swift): edit it there.",
        ]
        let sections: [(title: String, keys: [any AnyConfigKey])] = [
            ("Required", keys.filter { $0.presence == .required || $0.presence == .requiredMayBeEmpty }),
            ("Optional (defaults shown)", keys.filter { if case .defaulted(let text) = $0.presence { !text.isEmpty } else { false } }),
            ("Off unless set", keys.filter { $0.presence == .defaulted("") }),
        ]
        for section in sections where !section.keys.isEmpty {
            lines += ["", "# --- \(section.title) " + String(repeating: "-", count: max(3, 74 - section.title.count))]
            for key in section.keys {
                lines.append("# \(key.doc)")
                switch key.presence {
                case .defaulted(let text) where !text.isEmpty: lines.append("\(key.name)=\(text)")
                case .defaulted: lines.append("#\(key.name)=\(key.example ?? "")")
                case .required, .requiredMayBeEmpty: lines.append("\(key.name)=\(key.example ?? "")")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
