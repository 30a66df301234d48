import ArgumentParser
import Foundation
import Ingest

/// `--organisers DIR` and how many of them run at once: one process loading several
/// organisers, each into its own database (README, "Many organisers").
struct OrganiserOptions: ParsableArguments {
    @Option(
        name: .customLong("organisers"),
        help: ArgumentHelp(
            "Load several organisers: every *.env file in this directory is one organiser (its token, CLICKHOUSE_DB, ORG_NAME), "
                + "layered over the --envfile files (shared settings). They run concurrently; the exit status is the worst of theirs.",
            valueName: "dir"))
    var directory: String?

    @Option(name: .customLong("organiser-concurrency"), help: "With --organisers (a run): how many organisers run at once.")
    var concurrency = 4

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--organiser-concurrency must be between 1 and 64") }
    }
}
