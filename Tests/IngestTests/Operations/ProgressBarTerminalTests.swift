import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// On a terminal the progress is one bar updated in place: the real binary in a tmux pane
/// (a real pseudo-terminal) against the slowed fake and the real ClickHouse, its screen read
/// while it runs.
@Suite(.serialized) struct ProgressBarTerminalTests {
    @Test func oneBarUpdatesInPlaceAndIsGoneAtTheEnd() async throws {
        try await IngestHarness.with(
            Organiser.generate(OperationsCommandTests.spec, now: Date()), faults: OperationsCommandTests.held,
            settings: OperationsCommandTests.heldSettings
        ) { harness in
            let arguments = ["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile, "--since-hours", "300"]
            // A clean environment, as CommandRunner gives; the pane's shell reports the exit code.
            let command = "env -i PATH=/usr/bin:/bin TERM=xterm-256color \(CommandRunner.executable) \(arguments.joined(separator: " ")); "
                + "echo EXIT=$?; sleep 600"
            let terminal = try await TmuxSession.start(command, columns: 200, rows: 60)
            try await withCleanup {
                var bars: [String] = []
                var screen = ""
                // The run is held in its orders phase until the bar has been seen redrawn.
                for _ in 0..<600 {
                    screen = try await terminal.screen()
                    let lines = screen.split(separator: "\n")
                    let barLines = lines.filter { $0.contains("req/s") && $0.contains("  pages ") }
                    #expect(barLines.count <= 1, "one bar, never a stack of them:\n\(screen)")
                    if let bar = barLines.last, bars.last != String(bar) { bars.append(String(bar)) }
                    if bars.count == 3 { await OperationsCommandTests.release(harness) }
                    if screen.contains("EXIT=") { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(screen.contains("EXIT=0"), "\(screen)")
                #expect(bars.count >= 2, "the bar was redrawn with new numbers: \(bars)")
                #expect(bars.contains { $0.contains("fetch_orders") }, "\(bars)")
                #expect(bars.allSatisfy { $0.hasPrefix("[") && $0.count < 200 })
                // At the end: the bar erased, the log lines all there, no progress log lines.
                let final = screen.split(separator: "\n")
                #expect(!final.contains { $0.contains("req/s") && $0.contains("  pages ") }, "\(screen)")
                #expect(!screen.contains("] Progress"))
                for line in OperationsCommandTests.contractLines { #expect(screen.contains(line), "missing \(line)") }
            } cleanup: {
                await terminal.close()
            }
        }
    }
}
