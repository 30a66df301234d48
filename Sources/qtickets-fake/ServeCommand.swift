import ArgumentParser
import Foundation
import QTicketsFake

/// Serves the generated organiser until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the generated organiser as a fake QTickets API on loopback.",
        discussion: """
            Line 1 of stdout is `QTICKETS_API_BASE_URL=<url>`; a summary follows on stderr. \
            Routes: GET events, events/{id}, orders, orders/{id}, shows/{id}/seats under /api/rest/v1 \
            (filters, orderBy and page in the JSON body; the query string is ignored). \
            Outside the API (no token, not counted): GET /__fake/stats returns the counters (what was \
            served and injected) and GET /__fake/truth the ground truth of the organiser served now \
            (churn changes it).
            """
    )

    @OptionGroup var organiser: OrganiserOptions
    @OptionGroup var server: ServerOptions
    @OptionGroup var faults: FaultOptions
    @OptionGroup var churn: ChurnOptions
    @OptionGroup var badInput: BadInputOptions
    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"
    @Option(help: "Port to bind (0: any free port; see the printed URL).")
    var port: Int = 0
    @Option(help: "The bearer token the fake accepts (anything else gets 403).")
    var token: String
    @Option(help: "Event-loop threads (default: the number of cores).")
    var threads: Int?
    @Option(help: "Also write the ground truth of the served organiser to this file (without --bad-record orders); rewritten on shutdown when churn changed it.")
    var truthOut: String?
    @Option(help: "Time zone of the truth's sales dates (IANA id).")
    var tz: String = "Europe/Moscow"
    @Option(help: "On shutdown, write the request counters as JSON to this file.")
    var statsOut: String?

    func run() async throws {
        guard let zone = TimeZone(identifier: tz) else { throw ValidationError("unknown time zone \(tz)") }
        let clock = ContinuousClock()
        let started = clock.now
        let data = try organiser.makeOrganiser()
        let generation = clock.now - started
        var plan = try faults.plan()
        plan.churn = try churn.churn()
        try badInput.apply(to: &plan)
        let excluded = Set(plan.badRecords.keys)
        try writeTruth(of: data, zone: zone, excluding: excluded)
        let server = try await FakeQTicketsServer.start(
            organiser: data, token: token, faults: plan, options: server.options(truthTimeZone: tz), host: host, port: port,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // Line 1 of stdout, unbuffered: a parent process reads it to learn the port.
        FileHandle.standardOutput.write(Data("QTICKETS_API_BASE_URL=\(server.baseURL)\n".utf8))
        FileHandle.standardError.write(
            Data(
                "qtickets-fake: serving \(data.eventCount) events, \(data.showIDs.count) shows, \(data.orderCount) orders (now=\(data.nowEpoch)), prepared in \(generation)\n"
                    .utf8))
        let signal = await ShutdownSignal.wait()
        FileHandle.standardError.write(Data("qtickets-fake: \(signal), shutting down\n".utf8))
        let stats = await server.stats()
        if stats.churnRounds > 0 { try writeTruth(of: await server.organiser(), zone: zone, excluding: excluded) }
        if let statsOut {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(stats).write(to: URL(fileURLWithPath: statsOut), options: .atomic)
        }
        try await server.shutdown()
    }

    private func writeTruth(of organiser: Organiser, zone: TimeZone, excluding: Set<Int>) throws {
        guard let truthOut else { return }
        let truth = organiser.groundTruth(timeZone: zone, excludingOrders: excluding)
        try truth.jsonData().write(to: URL(fileURLWithPath: truthOut), options: .atomic)
    }
}
