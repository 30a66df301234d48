import ClientSupport
import Foundation

extension ConfigurationSource {
    /// A secret from its own key or from the file its `…_FILE` key names (systemd
    /// `LoadCredential=`, a Kubernetes secret mount). Exactly one of the two may be set: both is
    /// an error naming both, since a stale value in one place would silently win over the other.
    func secret(_ key: ConfigKey<Secret>, file fileKey: ConfigKey<String?>) throws(ConfigurationError) -> Secret {
        guard let path = try value(of: fileKey) else { return try value(of: key) }
        if let direct = entry(key.name) {
            let fileOrigin = entry(fileKey.name)?.origin ?? "environment"
            throw .conflictingKeys(key: key.name, fileKey: fileKey.name, origins: [direct.origin, fileOrigin])
        }
        return Secret(try Self.readSecretFile(path, key: fileKey.name, mayBeEmpty: key.presence == .requiredMayBeEmpty))
    }

    /// The file's text without its trailing line break(s): `echo token > file` and Kubernetes'
    /// mounts both end in one. An empty file is an error (a mount that is not there yet) unless
    /// the secret may be empty (a password-less user).
    static func readSecretFile(_ path: String, key: String, mayBeEmpty: Bool) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "is not readable" : "does not exist"
            throw .unreadableSecretFile(key: key, path: path, reason: reason)
        }
        var text = String(decoding: data, as: UTF8.self)
        // Scalars, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" { text.unicodeScalars.removeLast() }
        guard mayBeEmpty || !text.isEmpty else { throw .unreadableSecretFile(key: key, path: path, reason: "is empty") }
        return text
    }
}
