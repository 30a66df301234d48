/// Parses dotenv files (`KEY=VALUE` lines) the way operators write them by hand.
///
/// Supported: blank lines, `#` comments, an optional `export ` prefix, single-quoted values
/// (literal), double-quoted values (with `\n`, `\"`, `\\` escapes), and unquoted values with a
/// trailing ` # comment`. Anything else is an error that names the file and the line, because a
/// silently skipped line is a key that "is set" in the operator's head but not in the run.
public enum DotEnvParser {
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let value: String
        public let line: Int
    }

    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> [Entry] {
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            var body = trimmed
            if body.hasPrefix("export ") { body = body.dropFirst("export ".count).drop(while: { $0 == " " }) }
            guard let eq = body.firstIndex(of: "=") else {
                throw .malformedLine(file: file, line: lineNumber, reason: "expected KEY=VALUE")
            }
            let key = String(body[..<eq]).trimmingSpaces()
            guard isValidKey(key) else {
                throw .malformedLine(file: file, line: lineNumber, reason: "invalid key name")
            }
            let rawValue = body[body.index(after: eq)...].drop(while: { $0 == " " || $0 == "\t" })
            let value = try parseValue(rawValue, file: file, line: lineNumber, key: key)
            entries.append(Entry(key: key, value: value, line: lineNumber))
        }
        return entries
    }

    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) }
    }

    private static func parseValue(_ raw: Substring, file: String, line: Int, key: String) throws(ConfigurationError) -> String {
        guard let quote = raw.first, quote == "\"" || quote == "'" else {
            // Unquoted: a ` #` starts a comment; surrounding spaces are not part of the value.
            var value = raw
            if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
            return String(value).trimmingSpaces()
        }
        var result = ""
        var index = raw.index(after: raw.startIndex)
        while index < raw.endIndex {
            let character = raw[index]
            if character == quote {
                let rest = raw[raw.index(after: index)...].trimmingPrefixSpaces()
                guard rest.isEmpty || rest.hasPrefix("#") else {
                    throw .malformedLine(file: file, line: line, reason: "text after the closing quote of \(key)")
                }
                return result
            }
            if quote == "\"", character == "\\", raw.index(after: index) < raw.endIndex {
                index = raw.index(after: index)
                switch raw[index] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(raw[index])
                }
            } else {
                result.append(character)
            }
            index = raw.index(after: index)
        }
        throw .malformedLine(file: file, line: line, reason: "unterminated quote in the value of \(key)")
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    func trimmingPrefixSpaces() -> SubSequence { self.drop(while: { $0 == " " || $0 == "\t" }) }
}
