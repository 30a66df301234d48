import Foundation

/// Warns about an env file that holds a secret and that the file's group or anyone else can
/// read: the token then leaks to every account on the host. A warning, not an error, so that a
/// careless `cp` does not stop the 15-minute timer; the message names the file, its mode and the
/// keys, never a value.
enum EnvFilePermissions {
    static func warnings(path: String, entries: [DotEnvParser.Entry]) -> [String] {
        let secretNames = Set(ConfigKeys.secretFiles.map(\.secret.name))
        let held = Set(entries.filter { secretNames.contains($0.key) && !$0.value.isEmpty }.map(\.key)).sorted()
        guard !held.isEmpty, let mode = permissions(of: path), mode & 0o044 != 0 else { return [] }
        let octal = String(mode, radix: 8)
        return [
            "env file \(path) holds \(held.joined(separator: " and ")) and is readable by its group or others (mode 0\(octal)): "
                + "chmod 600 \(path), or move the secret to a file named by its _FILE key"
        ]
    }

    /// The permission bits of `path` (following symbolic links, as reading it does).
    private static func permissions(of path: String) -> UInt16? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt16(info.st_mode & 0o777)
    }
}
