import ClientSupport

/// Where and how to reach ClickHouse over HTTP(S).
///
/// The URL was validated where it was read (``ServiceURL``) and the password is a ``Secret``,
/// which never prints itself, so the value can be logged as a whole.
public struct ClickHouseConfiguration: Sendable {
    /// `http://host:8123`, `https://proxy:8443` or with a path prefix behind a reverse proxy.
    public var url: ServiceURL
    public var user: String
    public var password: Secret
    /// Sent as `?database=` (18.16 ignores the `X-ClickHouse-Database` header).
    public var database: String
    /// PEM file of an extra CA to trust for https (e.g. a private reverse proxy). Certificates
    /// are always verified; this only adds a root.
    public var caFile: String?
    public var connectTimeout: Duration
    /// Deadline of one HTTP request, and the read timeout between bytes of its response.
    public var requestTimeout: Duration
    /// Settings sent as URL parameters with every request. A setting listed in
    /// ``ClickHouseSettings/minimumVersions`` is sent only to servers new enough to know it.
    public var settings: [String: String]
    /// Pooled connections per host; a few batches in flight per table need no more.
    public var maxConnections: Int
    /// Largest response body read into memory by ``ClickHouseClient/query(_:)``.
    public var maxResponseBytes: Int

    public init(
        url: ServiceURL,
        user: String,
        password: Secret,
        database: String,
        caFile: String? = nil,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(60),
        settings: [String: String] = [:],
        maxConnections: Int = 8,
        maxResponseBytes: Int = 256 << 20
    ) {
        self.url = url
        self.user = user
        self.password = password
        self.database = database
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.settings = settings
        self.maxConnections = maxConnections
        self.maxResponseBytes = maxResponseBytes
    }
}
