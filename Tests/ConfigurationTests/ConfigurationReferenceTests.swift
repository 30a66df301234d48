import Foundation
import Ingest
import TestSupport
import Testing

/// The README's configuration table and `configs/.env.qtickets_api.sample` are generated from
/// the key declarations and must stay exactly what they render (like `configs/schema.sql`).
/// `QT_UPDATE_GENERATED=1` rewrites both instead of failing.
@Suite struct ConfigurationReferenceTests {
    static let regenerate = "regenerate it: QT_UPDATE_GENERATED=1 swift test --filter ConfigurationReferenceTests"
    static let readme = Repository.url("README.md")
    static let sample = Repository.url("configs/.env.qtickets_api.sample")

    @Test func readmeTableIsRenderedFromTheDeclarations() throws {
        let shipped = try String(contentsOf: Self.readme, encoding: .utf8)
        let rendered = try #require(
            ConfigurationReference.readme(shipped, replacingTableWith: ConfigurationReference.readmeTable()),
            "README.md lost the markers around its configuration table: \(ConfigurationReference.tableBegin)")
        try Self.expectGenerated(Self.readme, shipped: shipped, rendered: rendered)
    }

    @Test func sampleFileIsRenderedFromTheDeclarations() throws {
        let shipped = try String(contentsOf: Self.sample, encoding: .utf8)
        try Self.expectGenerated(Self.sample, shipped: shipped, rendered: ConfigurationReference.sampleFile())
    }

    /// Adding a key is one declaration: once it is in `ConfigKeys.all`, both files show it.
    @Test func everyDeclaredKeyIsInBothFiles() throws {
        let table = ConfigurationReference.readmeTable()
        let sample = ConfigurationReference.sampleFile()
        for key in ConfigKeys.all {
            #expect(table.contains("| `\(key.name)` |"), "\(key.name) is not in the README table")
            #expect(sample.contains("\n\(key.name)=") || sample.contains("\n#\(key.name)="), "\(key.name) is not in the sample")
        }
        #expect(Set(ConfigKeys.all.map(\.name)).count == ConfigKeys.all.count, "a key is declared twice")
    }

    /// The sample file, loaded as it is shipped, is a valid configuration: its examples and
    /// defaults pass the declarations' own validation.
    @Test func theSampleFileLoads() throws {
        let config = try IngestConfiguration.load(files: [Self.sample.path], environment: [:])
        #expect(config.apiBurst == 1)
        #expect(config.prometheusFile == nil && config.clickHouseCAFile == nil)
    }

    static func expectGenerated(_ file: URL, shipped: String, rendered: String) throws {
        guard shipped != rendered else { return }
        if ProcessInfo.processInfo.environment["QT_UPDATE_GENERATED"] == "1" {
            try rendered.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        Issue.record("\(file.lastPathComponent) differs from what the ConfigKeys declarations render; \(regenerate)")
    }
}
