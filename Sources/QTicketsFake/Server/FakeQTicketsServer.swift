import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP server that behaves like the QTickets REST API (see qtickets-api.md):
/// GET-with-body filters, `paging`, bearer check, JSON and HTML errors, PHP-shaped JSON,
/// plus injectable faults and counters. Built directly on SwiftNIO so the test suite does
/// not pull a web framework.
public final class FakeQTicketsServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let state: FakeServerState
    /// The port actually bound (useful with `port: 0`).
    public let port: Int
    /// `http://HOST:PORT/api/rest/v1` (no trailing slash).
    public let baseURL: String

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, state: FakeServerState, host: String, port: Int) {
        self.group = group
        self.channel = channel
        self.state = state
        self.port = port
        self.baseURL = "http://\(host):\(port)\(FakeRoute.basePath)"
    }

    /// Binds and starts serving. `port: 0` picks a free port (see `port` / `baseURL`).
    public static func start(
        organiser: Organiser, token: String, faults: FaultPlan = .none, options: FakeServerOptions = FakeServerOptions(),
        host: String = "127.0.0.1", port: Int = 0, threads: Int = System.coreCount
    ) async throws -> FakeQTicketsServer {
        let requestLog = try options.requestLogPath.map { try RequestLog(path: $0) }
        let state = FakeServerState(organiser: organiser, token: token, faults: faults, options: options, requestLog: requestLog)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 512)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(FakeHTTPHandler(state: state))
                    }
                }
                .bind(host: host, port: port)
                .get()
            guard let bound = channel.localAddress?.port else {
                try? await channel.close()
                throw FakeServerError.noLocalAddress
            }
            return FakeQTicketsServer(group: group, channel: channel, state: state, host: host, port: bound)
        } catch {
            try? await group.shutdownGracefully()
            requestLog?.close()
            throw error
        }
    }

    /// Serves `organiser` from the next request on (e.g. after `Organiser.mutate`).
    public func replaceOrganiser(_ organiser: Organiser) async {
        state.replace(organiser)
    }

    /// The organiser being served.
    public func organiser() async -> Organiser {
        state.organiser
    }

    /// Applies `change` to the served organiser atomically (no request sees half of it) and
    /// returns the result, e.g. `try await server.updateOrganiser { try $0.deleteShow(id: 7, at: t) }`.
    @discardableResult
    public func updateOrganiser<E: Error>(_ change: (inout Organiser) throws(E) -> Void) async throws(E) -> Organiser {
        try state.update(change)
    }

    /// Mutates the served organiser in place (see `Organiser.mutate`) at `now`, or at the server
    /// clock's now when nil (an API whose clock runs ahead stamps its changes ahead), and
    /// returns the result.
    @discardableResult
    public func mutate(seed: UInt64, newOrders: Int, refunds: Int, cancellations: Int, now: Date? = nil) async -> Organiser {
        let at = now ?? Date(timeIntervalSince1970: state.now)
        return state.update { $0.mutate(seed: seed, newOrders: newOrders, refunds: refunds, cancellations: cancellations, now: at) }
    }

    /// The ground truth of the organiser being served now (churn changes it), without the
    /// orders the fault plan renders as bad records: what the warehouse must hold after a
    /// complete run that skipped them. `timeZone` nil = the options' `truthTimeZone`.
    public func groundTruth(timeZone: TimeZone? = nil) async -> GroundTruth {
        let zone = timeZone ?? TimeZone(identifier: state.options.truthTimeZone) ?? .current
        return state.organiser.groundTruth(timeZone: zone, excludingOrders: Set(state.faults.badRecords.keys))
    }

    public var options: FakeServerOptions { state.options }

    /// The server clock: the start instant advanced by real time, plus the offset.
    public func now() async -> Date {
        Date(timeIntervalSince1970: state.now)
    }

    /// Restarts the server clock at `start` (nil: where it is now, without the old offset)
    /// with a new offset, e.g. an API whose clock runs 4 minutes ahead: `offsetSeconds: 240`.
    public func setClock(start: Date? = nil, offsetSeconds: Int = 0) async {
        state.setClock(start: start?.timeIntervalSince1970, offsetSeconds: offsetSeconds)
    }

    /// Installs a new fault plan; its counters start from zero.
    public func setFaults(_ faults: FaultPlan) async {
        state.setFaults(faults)
    }

    public func faults() async -> FaultPlan {
        state.faults
    }

    public func stats() async -> FakeServerStats {
        state.stats
    }

    public func resetStats() async {
        state.resetStats()
    }

    public func shutdown() async throws {
        try? await channel.close()
        defer { state.requestLog?.close() }
        try await group.shutdownGracefully()
    }
}
