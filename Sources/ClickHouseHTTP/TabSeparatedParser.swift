/// Parses `TabSeparatedWithNames` output into rows of column name → unescaped text.
///
/// TSV keeps every value exactly as the server prints it (decimals, 64-bit integers), unlike
/// JSON parsers that turn numbers into `Double`. `\N` (NULL) leaves the key out.
enum TabSeparatedParser {
    static func rows(_ body: String) -> [[String: String]] {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first else { return [] }
        let names = header.split(separator: "\t", omittingEmptySubsequences: false).map { unescape($0) }
        return lines.dropFirst().map { line in
            var row: [String: String] = [:]
            for (name, field) in zip(names, line.split(separator: "\t", omittingEmptySubsequences: false)) {
                if field == "\\N" { continue }
                row[name] = unescape(field)
            }
            return row
        }
    }

    /// Reverses ClickHouse's TSV escaping (`\t`, `\n`, `\\`, `\'`, `\0`, …).
    static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaping = false
        for ch in field {
            if escaping {
                switch ch {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                case "0": out.append("\u{0}")
                default: out.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
