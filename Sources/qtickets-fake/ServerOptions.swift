import ArgumentParser
import Foundation
import QTicketsFake

/// How `serve` serves: page sizes, compression, its clock (`FakeServerOptions`).
struct ServerOptions: ParsableArguments {
    @Option(help: "Honour a body's per_page up to N (default: per_page is ignored, as on the real API).")
    var maxPerPage: Int?
    @Flag(help: "Never gzip answers, even when a request sends Accept-Encoding: gzip.")
    var noGzip = false
    @Option(help: "The server clock's start, in Unix epoch seconds (default: the organiser's now). Churn is stamped by this clock.")
    var clockStart: Int?
    @Option(help: "Added to the server clock, in seconds (240: the API's clock runs 4 minutes ahead).")
    var clockOffsetSeconds: Int = 0
    @Option(help: "Record every answered API request in this file (status, method, path, body): `qtickets-bench-decode replay`.")
    var requestLog: String?

    func validate() throws {
        if let maxPerPage, maxPerPage < 1 { throw ValidationError("--max-per-page must be at least 1") }
    }

    func options(truthTimeZone: String) -> FakeServerOptions {
        FakeServerOptions(
            maxPerPage: maxPerPage, gzip: !noGzip, clockStart: clockStart.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            clockOffsetSeconds: clockOffsetSeconds, truthTimeZone: truthTimeZone, requestLogPath: requestLog)
    }
}
