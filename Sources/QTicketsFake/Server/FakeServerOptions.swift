import Foundation

/// How the fake serves, as opposed to what goes wrong (`FaultPlan`): page sizes, compression
/// and its clock. Fixed for the server's life, except the clock (`setClock`).
public struct FakeServerOptions: Sendable, Codable, Equatable {
    /// nil (default): a body's `per_page` is ignored, as observed on the real API. Set: the
    /// listings honour `per_page` up to this maximum (and never serve more than it by default
    /// either), and `paging.perPage` reports the page size used.
    public var maxPerPage: Int?
    /// Answer a request with `Accept-Encoding: gzip` with a gzip body (`Content-Encoding: gzip`).
    public var gzip: Bool
    /// The server clock's start instant; nil = the served organiser's `now` when the server starts,
    /// so that a fixed generated data set and the server's stamps line up.
    public var clockStart: Date?
    /// Added to the server clock: positive = the API's clock runs ahead of the client's.
    public var clockOffsetSeconds: Int
    /// IANA zone of the truth served at `GET /__fake/truth`.
    public var truthTimeZone: String
    /// When set, every answered API request is appended to this file (`RequestLog`): what a
    /// benchmark replays as the bare-fetch reference. nil (default): nothing is recorded.
    public var requestLogPath: String?

    public init(
        maxPerPage: Int? = nil, gzip: Bool = true, clockStart: Date? = nil, clockOffsetSeconds: Int = 0,
        truthTimeZone: String = "Europe/Moscow", requestLogPath: String? = nil
    ) {
        self.maxPerPage = maxPerPage.map { max(1, $0) }
        self.gzip = gzip
        self.clockStart = clockStart
        self.clockOffsetSeconds = clockOffsetSeconds
        self.truthTimeZone = truthTimeZone
        self.requestLogPath = requestLogPath
    }

    /// The page size of a listing: `default`, or the body's `per_page` within `maxPerPage`.
    func pageSize(requested: Int?, default size: Int) -> Int {
        guard let maxPerPage else { return size }
        return min(maxPerPage, max(1, requested ?? size))
    }
}
