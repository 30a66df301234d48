import ArgumentParser
import Foundation
import QTicketsFake

/// Writes the ground truth of the organiser that `serve` with the same flags serves.
struct TruthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "truth",
        abstract: "Write the expected daily sales and inventory of the generated organiser as JSON."
    )

    @OptionGroup var organiser: OrganiserOptions
    @Option(help: "Time zone of sales dates (IANA id).")
    var tz: String = "Europe/Moscow"
    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
    var output: String?
    @Option(help: "Leave this order out of the sales (repeatable): the bad records `serve --bad-record` renders.")
    var excludeOrder: [Int] = []

    func run() async throws {
        guard let zone = TimeZone(identifier: tz) else { throw ValidationError("unknown time zone \(tz)") }
        let data = try organiser.makeOrganiser().groundTruth(timeZone: zone, excludingOrders: Set(excludeOrder)).jsonData()
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}
