import Foundation

/// The golden QTickets payloads, copied into `Tests/Fixtures/qtickets-samples/` (from the
/// project's API notes) so the suite runs from a plain clone, with nothing beside it.
public enum Samples {
    public static let directory = Repository.url("Tests/Fixtures/qtickets-samples")

    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// Every `*.json` sample, sorted by name.
    public static var allFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }
}
