import ArgumentParser

/// `qtickets-fake`: a faithful fake of the QTickets REST API with a generated organiser,
/// its ground truth, and fault injection, for tests, demos and benchmarks.
@main
struct QTicketsFakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qtickets-fake",
        abstract: "A fake QTickets REST API serving a deterministic generated organiser.",
        discussion: """
            `serve` prints `QTICKETS_API_BASE_URL=http://HOST:PORT/api/rest/v1` as its first stdout line \
            and serves until SIGINT/SIGTERM. `truth` writes the expected warehouse content (daily sales \
            per Moscow date × event × show × city, inventory per show) for the same organiser. Give both \
            the same --seed, sizes and --now (epoch seconds) so that they agree.
            """,
        subcommands: [ServeCommand.self, TruthCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
