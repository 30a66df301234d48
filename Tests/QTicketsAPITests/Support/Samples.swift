import Foundation

/// Locates the golden payloads in `shared/qtickets-samples/`, beside the repository root
/// (`<root>/../shared`), falling back to `/work/shared`.
enum Samples {
    static let directory: URL = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // QTicketsAPITests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repo root
        let beside = root.deletingLastPathComponent().appendingPathComponent("shared/qtickets-samples")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: "/work/shared/qtickets-samples")
    }()

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static var allFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }
}
