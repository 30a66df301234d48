import Foundation
import Testing
@testable import Ingest

/// How a directory of organisers is read and checked, before anything is sent anywhere.
@Suite struct OrganiserDirectoryTests {
    /// A directory of organiser files over one shared file (ClickHouse, the metrics file).
    func withDirectory(_ organisers: [String: String], _ body: (_ directory: String, _ shared: String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("organisers-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/organisers", withIntermediateDirectories: true)
        let shared = root + "/shared.env"
        try """
            QTICKETS_API_BASE_URL=http://127.0.0.1:1/api/rest/v1
            CLICKHOUSE_HOST=http://127.0.0.1:8123
            CLICKHOUSE_USER=etl
            CLICKHOUSE_PASSWORD=
            INGEST_PROM_FILE=/var/lib/node_exporter/qtickets_ingest.prom
            """.write(toFile: shared, atomically: true, encoding: .utf8)
        for (name, text) in organisers {
            let path = "\(root)/organisers/\(name)"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        try body(root + "/organisers", shared)
    }

    @Test func eachEnvFileIsAnOrganiserNamedByORG_NAMEOrItsFile() throws {
        let files = [
            "acme.env": "QTICKETS_API_TOKEN=a\nCLICKHOUSE_DB=qt_acme\nQTICKETS_API_RPS=2\n",
            "bolt.env": "QTICKETS_API_TOKEN=b\nCLICKHOUSE_DB=qt_bolt\nORG_NAME=Bolt Events\n",
            "notes.txt": "not an organiser", ".hidden.env": "QTICKETS_API_TOKEN=x\n",
        ]
        try withDirectory(files) { directory, shared in
            let organisers = try OrganiserDirectory.load(directory: directory, baseFiles: [shared], environment: [:])
            #expect(organisers.map(\.name) == ["acme", "Bolt Events"])
            #expect(organisers.map(\.configuration.clickHouseDatabase) == ["qt_acme", "qt_bolt"])
            #expect(organisers.map(\.configuration.apiRequestsPerSecond) == [2, 5])
            #expect(organisers.map(\.configuration.prometheusFile) == [
                "/var/lib/node_exporter/qtickets_ingest.acme.prom", "/var/lib/node_exporter/qtickets_ingest.Bolt_Events.prom",
            ])
            // Distinct locks: the lease keys differ.
            #expect(Set(organisers.map(\.configuration.runLockKey)).count == 2)
        }
    }

    @Test func twoOrganisersWithOneDatabaseAreRefusedNamingBothFiles() throws {
        let files = ["a.env": "QTICKETS_API_TOKEN=a\nCLICKHOUSE_DB=zakaz\n", "b.env": "QTICKETS_API_TOKEN=b\nCLICKHOUSE_DB=zakaz\n"]
        try withDirectory(files) { directory, shared in
            #expect {
                try OrganiserDirectory.load(directory: directory, baseFiles: [shared], environment: [:])
            } throws: { error in
                let text = "\(error)"
                return text.contains("CLICKHOUSE_DB=zakaz") && text.contains("/a.env") && text.contains("/b.env:2")
            }
        }
    }

    @Test func twoOrganisersWithOneNameAreRefused() throws {
        let files = [
            "a.env": "QTICKETS_API_TOKEN=a\nCLICKHOUSE_DB=qt_a\nORG_NAME=same\n",
            "b.env": "QTICKETS_API_TOKEN=b\nCLICKHOUSE_DB=qt_b\nORG_NAME=same\n",
        ]
        try withDirectory(files) { directory, shared in
            #expect {
                try OrganiserDirectory.load(directory: directory, baseFiles: [shared], environment: [:])
            } throws: { "\($0)".contains("ORG_NAME=same") }
        }
    }

    @Test func aTokenInTheEnvironmentWouldBeEveryOrganisersAndIsRefused() throws {
        try withDirectory(["a.env": "QTICKETS_API_TOKEN=a\nCLICKHOUSE_DB=qt_a\n"]) { directory, shared in
            #expect(throws: OrganiserConfigurationError.perOrganiserKeyInEnvironment(key: "QTICKETS_API_TOKEN")) {
                try OrganiserDirectory.load(directory: directory, baseFiles: [shared], environment: ["QTICKETS_API_TOKEN": "t"])
            }
        }
    }

    @Test func anInvalidKeyNamesTheOrganisersFileAndNeverTheSecret() throws {
        try withDirectory(["a.env": "QTICKETS_API_TOKEN=secret-token\nCLICKHOUSE_DB=qt_a\nQTICKETS_API_RPS=fast\n"]) { directory, shared in
            #expect {
                try OrganiserDirectory.load(directory: directory, baseFiles: [shared], environment: [:])
            } throws: { error in
                let text = "\(error)"
                return text.contains("QTICKETS_API_RPS") && text.contains("/a.env:3") && !text.contains("secret-token")
            }
        }
    }

    @Test func anEmptyOrMissingDirectoryIsAConfigurationError() throws {
        try withDirectory([:]) { directory, shared in
            #expect(throws: OrganiserConfigurationError.noOrganisers(directory: directory)) {
                try OrganiserDirectory.load(directory: directory, baseFiles: [shared], environment: [:])
            }
            #expect(throws: OrganiserConfigurationError.unreadableDirectory(path: directory + "/nope", reason: "no such directory")) {
                try OrganiserDirectory.load(directory: directory + "/nope", baseFiles: [shared], environment: [:])
            }
        }
    }

    @Test func theProcessExitsWithTheWorstOfItsOrganisersCodes() {
        #expect(IngestExitCode.worst([]) == .ok)
        #expect(IngestExitCode.worst([.ok, .lockBusy]) == .lockBusy)
        #expect(IngestExitCode.worst([.lockBusy, .runFailed, .ok]) == .runFailed)
        #expect(IngestExitCode.worst([.runFailed, .configuration]) == .configuration)
        #expect(IngestExitCode.worst([.configuration, .interrupted, .ok]) == .interrupted)
    }
}
