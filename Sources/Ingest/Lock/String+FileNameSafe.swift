extension String {
    /// This text as part of a file name: every character outside `[A-Za-z0-9_-]` becomes `_`
    /// (a database or organiser name may hold a `/`, a dot or a space).
    var fileNameSafe: String {
        String(map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "_" })
    }
}
