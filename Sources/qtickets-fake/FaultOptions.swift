import ArgumentParser
import QTicketsFake

/// Fault-injection flags of `serve`. Counts are 1-based over authorised API requests
/// (to --fault-routes when given).
struct FaultOptions: ParsableArguments {
    /// `FaultPlan`'s own defaults are the flags' defaults.
    private static let defaults = FaultPlan()

    @Option(help: "Limit injected faults to these routes (comma-separated: events,event,orders,order,seats).")
    var faultRoutes: String?
    @Option(name: .customLong("fault-429-every"), help: "Answer every N-th request with 429 and Retry-After.")
    var fault429Every: Int?
    @Option(name: .customLong("fault-429-burst"), help: "Answer requests START..START+COUNT-1 with 429 (START:COUNT).")
    var fault429Burst: String?
    @Option(help: "Retry-After of injected 429s, in seconds.")
    var retryAfter = Self.defaults.retryAfterSeconds
    @Flag(help: "Send Retry-After as an HTTP date instead of seconds.")
    var retryAfterDate = false
    @Flag(help: "Send injected 429s without a Retry-After header.")
    var noRetryAfter = false
    @Option(name: .customLong("fault-503-every"), help: "Answer every N-th request with 503 {\"error\":\"Unknown error\",...}.")
    var fault503Every: Int?
    @Option(name: .customLong("fault-503-burst"), help: "Answer requests START..START+COUNT-1 with 503 (START:COUNT).")
    var fault503Burst: String?
    @Option(help: "Added latency before every answer, in milliseconds.")
    var latencyMs = Self.defaults.latencyMilliseconds
    @Option(help: "Slow bodies: write CHUNK bytes, then sleep DELAY ms, repeat (CHUNK:DELAY).")
    var slowBody: String?
    @Option(help: "Close the connection without answering every N-th request.")
    var dropEvery: Int?
    @Option(help: "Close the connection without answering requests START..START+COUNT-1 (START:COUNT).")
    var dropBurst: String?
    @Option(help: "Serve this 1-based page of the orders listing broken (see --malformed-mode).")
    var malformedPage: Int?
    @Option(help: "How the page is broken: bad-price (\"price\":\"abc\"), missing-id, truncated.")
    var malformedMode = Self.defaults.malformedMode.rawValue
    @Option(help: "Serve the broken page this many times, then correctly (default: always broken).")
    var malformedTimes: Int?
    @Option(help: "Server-side rate limit: answer 429 above R requests in any sliding second, and count them.")
    var serverRps: Double?

    func validate() throws {
        _ = try plan()
    }

    func plan() throws -> FaultPlan {
        guard let mode = FaultPlan.MalformedMode(rawValue: malformedMode) else {
            throw ValidationError("--malformed-mode must be one of: bad-price, missing-id, truncated")
        }
        let routes = faultRoutes.map { Set(OptionText.list($0)) }
        return FaultPlan(
            routes: routes,
            status429EveryN: fault429Every, status429Burst: try Self.burst(fault429Burst, "--fault-429-burst"),
            retryAfterSeconds: retryAfter, retryAfterAsHTTPDate: retryAfterDate, omitRetryAfter: noRetryAfter,
            status503EveryN: fault503Every, status503Burst: try Self.burst(fault503Burst, "--fault-503-burst"),
            latencyMilliseconds: latencyMs, slowBody: try Self.slow(slowBody), dropConnectionEveryN: dropEvery,
            dropConnectionBurst: try Self.burst(dropBurst, "--drop-burst"), malformedOrdersPage: malformedPage,
            malformedMode: mode, malformedTimes: malformedTimes, serverRateLimit: serverRps)
    }

    private static func burst(_ text: String?, _ flag: String) throws -> FaultPlan.Burst? {
        guard let text else { return nil }
        guard let (start, count) = OptionText.intPair(text), start >= 1, count >= 0 else {
            throw ValidationError("\(flag) expects START:COUNT, e.g. 3:5")
        }
        return FaultPlan.Burst(start: start, count: count)
    }

    private static func slow(_ text: String?) throws -> FaultPlan.SlowBody? {
        guard let text else { return nil }
        guard let (chunk, delay) = OptionText.intPair(text), chunk >= 1, delay >= 0 else {
            throw ValidationError("--slow-body expects CHUNK:DELAY_MS, e.g. 4096:20")
        }
        return FaultPlan.SlowBody(chunkBytes: chunk, delayMilliseconds: delay)
    }
}
