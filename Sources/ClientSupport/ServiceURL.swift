import Foundation

/// The base address of an HTTP service (the QTickets API, a ClickHouse server): an `http://` or
/// `https://` URL with a host, validated once, where the configuration is read.
///
/// Both clients take a `ServiceURL` instead of a string, so neither validates again and an
/// invalid address cannot reach a request.
public struct ServiceURL: Sendable, Hashable, CustomStringConvertible {
    /// Why a string is not a service URL (says what was expected, never echoes the value:
    /// a URL may carry credentials).
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String { "expected an http:// or https:// URL with a host" }
    }

    /// Without a trailing slash: `https://qtickets.ru/api/rest/v1`.
    public let string: String
    public let isHTTPS: Bool
    public let host: String

    public init(_ text: String) throws(Invalid) {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { throw Invalid() }
        self.string = trimmed
        self.isHTTPS = scheme == "https"
        self.host = host
    }

    /// Whether the host is this machine: `localhost`, an IPv4 address in 127.0.0.0/8, or `::1`
    /// (by name or address only, no resolution: a name that resolves to loopback counts as remote).
    public var isLoopback: Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name.hasSuffix(".localhost") || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `string` + `/` + `path` (a path relative to the base, without a leading slash).
    public func appending(_ path: String) -> String { string + "/" + path }

    public var description: String { string }
}
