import NIOHTTP1

/// The API routes the fake knows. Anything else is the real site's HTML 404, including
/// `events/{id}/seats`, which looks plausible but does not exist.
enum FakeRoute: Equatable {
    case events
    case event(Int)
    case orders
    case order(Int)
    case seats(showID: Int)
    case unknown
    /// POST / PUT / PATCH / DELETE: the ingester must never write.
    case write
    /// `GET /__fake/stats`: the counters as JSON, for scripts (not counted, no auth, no faults).
    case adminStats
    /// `GET /__fake/truth`: the ground truth of the organiser served now (see `AdminRoutes`).
    case adminTruth

    static let basePath = "/api/rest/v1"

    var name: String {
        switch self {
        case .events: return "events"
        case .event: return "event"
        case .orders: return "orders"
        case .order: return "order"
        case .seats: return "seats"
        case .unknown: return "unknown"
        case .write: return "write"
        case .adminStats, .adminTruth: return "admin"
        }
    }

    /// `path` is the URI without its query string.
    static func match(method: HTTPMethod, path: String) -> FakeRoute {
        switch method {
        case .POST, .PUT, .PATCH, .DELETE: return .write
        case .GET: break
        default: return .unknown
        }
        if path == "/__fake/stats" { return .adminStats }
        if path == "/__fake/truth" { return .adminTruth }
        guard path.hasPrefix(basePath + "/") else { return .unknown }
        let segments = path.dropFirst(basePath.count + 1).split(separator: "/", omittingEmptySubsequences: true)
        switch segments.count {
        case 1:
            if segments[0] == "events" { return .events }
            if segments[0] == "orders" { return .orders }
        case 2:
            guard let id = Int(segments[1]) else { return .unknown }
            if segments[0] == "events" { return .event(id) }
            if segments[0] == "orders" { return .order(id) }
        case 3:
            if segments[0] == "shows", segments[2] == "seats", let id = Int(segments[1]) { return .seats(showID: id) }
        default:
            break
        }
        return .unknown
    }
}
