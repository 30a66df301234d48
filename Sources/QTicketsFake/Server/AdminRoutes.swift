import Foundation
import NIOCore

/// The fake's own routes outside the API (no auth, not counted, no faults): `GET /__fake/stats`
/// (the counters) and `GET /__fake/truth` (the ground truth of the organiser served right
/// now, which churn keeps changing, without the plan's bad records), for scripts driving the
/// `qtickets-fake` command.
enum AdminRoutes {
    static func respond(_ route: FakeRoute, state: FakeServerState, allocator: ByteBufferAllocator) -> FakeResponse? {
        switch route {
        case .adminStats:
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let stats = (try? encoder.encode(state.stats)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return .json(.ok, stats, allocator: allocator)
        case .adminTruth:
            let zone = TimeZone(identifier: state.options.truthTimeZone) ?? TimeZone(secondsFromGMT: 3 * 3600) ?? .current
            let excluded = Set(state.faults.badRecords.keys)
            let truth = (try? state.organiser.groundTruth(timeZone: zone, excludingOrders: excluded).jsonData())
                .map { String(decoding: $0, as: UTF8.self) }
            return .json(.ok, truth ?? "{}", allocator: allocator)
        default:
            return nil
        }
    }
}
