import Foundation
import Synchronization

/// Everything the event loops share: the organiser being served, the fault plan with its
/// counters, the server-side limiter and the statistics. One lock, held only for counter
/// updates (never while rendering), so serving scales with event-loop threads.
final class FakeServerState: Sendable {
    private struct Inner {
        var snapshot: ServingSnapshot
        var injector: FaultInjector
        var stats = FakeServerStats()
        var inFlight = 0
        var clock: ServerClock
    }

    private let expectedAuthorization: String
    private let inner: Mutex<Inner>
    let options: FakeServerOptions
    /// Where answered API requests are recorded (`FakeServerOptions.requestLogPath`); nil: nowhere.
    let requestLog: RequestLog?

    init(organiser: Organiser, token: String, faults: FaultPlan, options: FakeServerOptions, requestLog: RequestLog? = nil) {
        self.expectedAuthorization = "Bearer \(token)"
        self.options = options
        self.requestLog = requestLog
        let start = options.clockStart?.timeIntervalSince1970 ?? Double(organiser.nowEpoch)
        self.inner = Mutex(
            Inner(
                snapshot: ServingSnapshot(organiser), injector: FaultInjector(faults),
                clock: ServerClock(startEpoch: start, offsetSeconds: options.clockOffsetSeconds)))
    }

    /// Compares in time independent of where the first difference is.
    func isAuthorized(_ header: String?) -> Bool {
        guard let header else { return false }
        let a = Array(header.utf8)
        let b = Array(expectedAuthorization.utf8)
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    func admit(
        route: FakeRoute, authorized: Bool, hasQueryString: Bool, unparseableBody: Bool, ordersPage: Int?,
        nowNanoseconds: UInt64
    ) -> Admission {
        inner.withLock { s in
            s.inFlight += 1
            s.stats.maxConcurrentRequests = max(s.stats.maxConcurrentRequests, s.inFlight)
            s.stats.totalRequests += 1
            s.stats.byRoute[route.name, default: 0] += 1
            if hasQueryString { s.stats.requestsWithQueryString += 1 }
            if unparseableBody { s.stats.unparseableBodies += 1 }
            switch route {
            case .unknown, .adminStats, .adminTruth: return .htmlNotFound
            case .write:
                s.stats.writeAttempts += 1
                return .methodNotAllowed
            default: break
            }
            if s.injector.limiter?.admit(nowNanoseconds: nowNanoseconds) == false {
                s.stats.rejectedByRateLimit += 1
                return .rateLimited
            }
            guard authorized else {
                s.stats.unauthorized += 1
                return .unauthorized
            }
            switch s.injector.decide(route: route, ordersPage: ordersPage, stats: &s.stats) {
            case .answer(let verdict): return verdict
            case .serve(let effects): return .serve(s.snapshot, effects)
            }
        }
    }

    /// An orders listing page was rendered (before it is written): runs the churn round due,
    /// so that the client's next request sees the changed organiser.
    func ordersListingServed(lastOrderID: Int?) {
        inner.withLock { s in
            guard let churn = s.injector.plan.churn, let round = s.injector.churnRoundDue() else { return }
            var organiser = s.snapshot.organiser
            let changed = organiser.churn(churn, round: round, pivotID: lastOrderID, now: s.clock.nowEpoch())
            s.snapshot = ServingSnapshot(organiser)
            s.stats.churnRounds += 1
            for (change, count) in changed { s.stats.churnedOrders[change.rawValue, default: 0] += count }
        }
    }

    func record(_ response: FakeResponse) {
        inner.withLock { s in
            s.stats.byStatus[Int(response.status.code), default: 0] += 1
            s.stats.ordersServed += response.ordersServed
            s.stats.badRecordsServed += response.badRecordsServed
        }
    }

    /// The answer to an admitted request is fully written (or the connection was dropped).
    func requestFinished() {
        inner.withLock { $0.inFlight -= 1 }
    }

    func recordBytes(route: String, wire: Int, uncompressed: Int) {
        inner.withLock { s in
            s.stats.bodyBytesSent += wire
            s.stats.bodyBytesUncompressed += uncompressed
            s.stats.bodyBytesSentByRoute[route, default: 0] += wire
            s.stats.bodyBytesUncompressedByRoute[route, default: 0] += uncompressed
        }
    }

    func countGzipResponse() {
        inner.withLock { $0.stats.gzipResponses += 1 }
    }

    /// The server clock's reading, epoch seconds.
    var now: Double { inner.withLock { $0.clock.now() } }

    /// Restarts the clock at `start` (nil: keeps its current reading) with `offsetSeconds`.
    func setClock(start: Double?, offsetSeconds: Int) {
        inner.withLock { s in
            let reading = start ?? (s.clock.now() - Double(s.clock.offsetSeconds))
            s.clock = ServerClock(startEpoch: reading, offsetSeconds: offsetSeconds)
        }
    }

    func connectionOpened() {
        inner.withLock { $0.stats.connectionsOpened += 1 }
    }

    func replace(_ organiser: Organiser) {
        let snapshot = ServingSnapshot(organiser)
        inner.withLock { $0.snapshot = snapshot }
    }

    /// Read, change and install the organiser under the lock: no request sees half a change.
    func update<E: Error>(_ change: (inout Organiser) throws(E) -> Void) throws(E) -> Organiser {
        try inner.withLock { (s: inout Inner) throws(E) -> Organiser in
            var organiser = s.snapshot.organiser
            try change(&organiser)
            s.snapshot = ServingSnapshot(organiser)
            return organiser
        }
    }

    var organiser: Organiser { inner.withLock { $0.snapshot.organiser } }

    /// Installs a plan and restarts its counters (and the limiter's window).
    func setFaults(_ plan: FaultPlan) {
        inner.withLock { $0.injector = FaultInjector(plan) }
    }

    var faults: FaultPlan { inner.withLock { $0.injector.plan } }
    var stats: FakeServerStats { inner.withLock { $0.stats } }
    func resetStats() { inner.withLock { $0.stats = FakeServerStats() } }
}
