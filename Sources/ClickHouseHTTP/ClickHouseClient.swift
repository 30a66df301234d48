import AsyncHTTPClient
import ClientSupport
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// ClickHouse over its HTTP interface, on two pooled AsyncHTTPClients: one for the batches of
/// the ``BatchingInserter`` (``Lane/batches``), one for every other statement.
///
/// Why two pools: batches are sent from tasks of their own, as many as `maxInFlightBytes`
/// allows, and a server that stops answering them (a hung disk, a proxy holding answers) holds
/// every connection of their pool until the request timeout. On one pool, the statements that
/// must still go through then queued behind them: the lock's heartbeat, and after a SIGTERM the
/// run's final `meta_job_runs` row, which missed its third of the shutdown grace and left the
/// run `running` with exit 74 (`ShutdownTests`, once ten or more batches were held).
///
/// Authenticates with `X-ClickHouse-User`/`X-ClickHouse-Key` headers (never in the URL, where
/// proxies log it), selects the database with `?database=` (18.16 ignores the header), and passes
/// settings as URL parameters, withholding those the server's version does not know. Every
/// failure becomes a ``ClickHouseError`` whose text never contains the password.
public final class ClickHouseClient: Sendable {
    public let configuration: ClickHouseConfiguration
    /// Every statement but the batches.
    private let http: HTTPClient
    /// The batches (``Lane/batches``).
    private let batchHTTP: HTTPClient
    private let logger: Logger
    private let compressors = GzipCompressorPool()
    private let cachedVersion = Mutex<ClickHouseVersion?>(nil)

    public init(configuration: ClickHouseConfiguration, logger: Logger) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let caFile = configuration.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw ClickHouseError(
                    status: nil, code: nil, message: "CA file '\(caFile)' is not readable",
                    kind: .network, isRetryable: false)
            }
            tls.additionalTrustRoots = [.file(caFile)]
        }
        var httpConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: .init(
                connect: TimeAmount(configuration.connectTimeout),
                read: TimeAmount(configuration.requestTimeout)),
            connectionPool: .init(
                idleTimeout: .seconds(30),
                concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maxConnections)))
        // ClickHouse speaks HTTP/1.1; a redirect would resend credentials elsewhere.
        httpConfiguration.httpVersion = .http1Only
        httpConfiguration.redirectConfiguration = .disallow
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        self.batchHTTP = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        self.configuration = configuration
        self.logger = logger
    }

    // MARK: Public API

    /// `SELECT version()`, asked once and cached.
    public func serverVersion() async throws -> ClickHouseVersion {
        if let known = cachedVersion.withLock({ $0 }) { return known }
        let text = String(buffer: try await send(body: ByteBuffer(string: "SELECT version()"), query: nil, gzip: false, settings: false))
        guard let version = ClickHouseVersion(text) else {
            throw ClickHouseError(
                status: 200, code: nil, message: "unexpected answer to SELECT version(): \(text.prefix(100))",
                kind: .server, isRetryable: false)
        }
        cachedVersion.withLock { $0 = version }
        logger.debug("ClickHouse server version", metadata: ["version": "\(version)"])
        return version
    }

    /// Runs a statement that returns nothing (DDL, `INSERT … SELECT`, `OPTIMIZE`). `settings`
    /// apply to this statement alone, over the configuration's (`insert_quorum` for one INSERT).
    public func execute(_ sql: String, settings: [String: String] = [:]) async throws {
        _ = try await send(body: ByteBuffer(string: sql), query: nil, gzip: false, settings: true, statementSettings: settings)
    }

    /// Runs a query and returns the raw body; the caller chooses the format (`FORMAT TSV`, …).
    public func query(_ sql: String, settings: [String: String] = [:]) async throws -> String {
        String(buffer: try await send(body: ByteBuffer(string: sql), query: nil, gzip: false, settings: true, statementSettings: settings))
    }

    /// Like ``query(_:)`` for binary formats (`FORMAT RowBinary`, …): the body as received.
    public func queryBytes(_ sql: String) async throws -> ByteBuffer {
        try await send(body: ByteBuffer(string: sql), query: nil, gzip: false, settings: true)
    }

    /// Runs `sql` (without a FORMAT clause) and returns its rows as column name → value text,
    /// exactly as the server prints it (numbers and decimals stay exact). A NULL is an absent key.
    /// Uses `TabSeparatedWithNames`, which every server version speaks identically.
    public func queryRows(_ sql: String, settings: [String: String] = [:]) async throws -> [[String: String]] {
        let body = try await query(sql + "\nFORMAT TabSeparatedWithNames", settings: settings)
        return TabSeparatedParser.rows(body)
    }

    /// One INSERT: `sql` (e.g. ``TableDefinition/insertSQL(database:)``) in the URL, `body`
    /// (uncompressed RowBinary) as the data, compressed as asked.
    public func insert(sql: String, body: ByteBuffer, compression: Compression = .none) async throws {
        try await insert(sql: sql, body: try encode(body, compression: compression))
    }

    /// Which connection pool a request uses.
    public enum Lane: Sendable {
        /// Statements: DDL, queries, single-row records, the lock.
        case statements
        /// The ``BatchingInserter``'s batches, which may be many at once and may hang.
        case batches
    }

    /// One INSERT of a body encoded by ``encode(_:compression:)`` (the batching inserter encodes
    /// a batch once and resends the very same bytes on every retry, on ``Lane/batches``).
    public func insert(sql: String, body: InsertBody, lane: Lane = .statements) async throws {
        _ = try await send(body: body.bytes, query: sql, gzip: body.compression != .none, settings: true, lane: lane)
    }

    /// Compresses an INSERT body as `compression` asks, with one of this client's reusable
    /// compressors: the one place where INSERT bodies are compressed.
    public func encode(_ raw: ByteBuffer, compression: Compression) throws(ClickHouseError) -> InsertBody {
        guard case .gzip(let level) = compression else {
            return InsertBody(bytes: raw, rawByteCount: raw.readableBytes, compression: .none)
        }
        do {
            let compressed = try compressors.withCompressor(level: level) { compressor throws(GzipError) in try compressor.compress(raw) }
            return InsertBody(bytes: compressed, rawByteCount: raw.readableBytes, compression: compression)
        } catch {
            throw ClickHouseError(status: nil, code: nil, message: "gzip: \(error)", kind: .server, isRetryable: false)
        }
    }

    public func shutdown() async throws {
        // Both, even when the first fails.
        var failure: (any Error)?
        do { try await http.shutdown() } catch { failure = error }
        try await batchHTTP.shutdown()
        if let failure { throw failure }
    }

    // MARK: Request

    private func send(
        body: ByteBuffer, query: String?, gzip: Bool, settings: Bool, statementSettings: [String: String] = [:], lane: Lane = .statements
    ) async throws -> ByteBuffer {
        // An empty database sends no `?database=`: for callers that qualify every name, and for
        // `CREATE DATABASE`, which fails when the default database does not exist yet.
        var params: [(String, String)] = configuration.database.isEmpty ? [] : [("database", configuration.database)]
        if let query { params.append(("query", query)) }
        let all = configuration.settings.merging(statementSettings) { _, statement in statement }
        if settings, !all.isEmpty {
            let version = ClickHouseSettings.needsVersion(all) ? try await serverVersion() : nil
            let (send, withheld) = ClickHouseSettings.applicable(all, for: version)
            params += send.map { ($0.name, $0.value) }
            if !withheld.isEmpty {
                logger.debug("Settings withheld from an older server", metadata: ["settings": "\(withheld)"])
            }
        }
        var request = HTTPClientRequest(url: configuration.url.appending("?" + URLQueryEncoding.encode(params)))
        request.method = .POST
        request.headers.add(name: "X-ClickHouse-User", value: configuration.user)
        if !configuration.password.isEmpty {
            request.headers.add(name: "X-ClickHouse-Key", value: configuration.password.revealed)
        }
        if gzip { request.headers.add(name: "Content-Encoding", value: "gzip") }
        request.body = .bytes(body)

        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            let pool = lane == .batches ? batchHTTP : http
            response = try await pool.execute(request, timeout: TimeAmount(configuration.requestTimeout), logger: logger)
            let limit = response.status == .ok ? configuration.maxResponseBytes : 1 << 20
            bytes = try await response.body.collect(upTo: limit)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw ClickHouseError(transportError: error, password: configuration.password)
        }
        // An error status, or a 200 whose body ends in an exception (a failure after the rows
        // started), is a ``ClickHouseError``; otherwise the body is the result.
        return try ClickHouseResponse.check(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes,
            password: configuration.password)
    }
}
