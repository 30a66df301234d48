/// Quoting for SQL text built by hand: the writer's DDL and INSERTs, and the ingester's
/// warehouse statements (a database named `1st_db` must be back-quoted).
public enum SQLQuoting {
    /// A single-quoted ClickHouse string literal with `\` and `'` escaped.
    public static func stringLiteral(_ s: String) -> String {
        quoted(s, with: "'")
    }

    /// An identifier, back-quoted only when it is not a plain `[A-Za-z_][A-Za-z0-9_]*` name,
    /// so the generated DDL stays readable.
    public static func identifier(_ name: String) -> String {
        let plain = !name.isEmpty && name.utf8.enumerated().allSatisfy { i, c in
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || (i > 0 && c >= 48 && c <= 57)
        }
        return plain ? name : quoted(name, with: "`")
    }

    /// `text` between two `quote`s, with `\` and `quote` escaped by a backslash (ClickHouse's
    /// rule for string literals and quoted identifiers alike).
    private static func quoted(_ text: String, with quote: Unicode.Scalar) -> String {
        var out = String(quote)
        for ch in text.unicodeScalars {
            if ch == "\\" || ch == quote { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(ch)
        }
        out.unicodeScalars.append(quote)
        return out
    }
}
