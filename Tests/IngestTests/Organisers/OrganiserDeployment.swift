import Foundation
import QTicketsFake
import TestSupport

/// A `--organisers` deployment for the tests: one ``IngestHarness`` per organiser (its own fake
/// API with its own token, its own pooled database), each harness's env file copied into one
/// directory as `<name>.env`, and a shared file outside it (`INGEST_PROM_FILE`) layered under
/// them with the test ClickHouse's file, as an operator lays a deployment out.
struct OrganiserDeployment {
    /// What one organiser of the deployment serves and how.
    struct Member {
        var name: String
        var organiser: Organiser
        var faults: FaultPlan = .none
        var settings: [String: String] = [:]
    }

    let root: String
    let harnesses: [String: IngestHarness]
    let names: [String]

    var directory: String { root + "/organisers" }
    var sharedFile: String { root + "/shared.env" }
    /// `INGEST_PROM_FILE` of the shared file; each organiser writes its own file next to it.
    var prometheusFile: String { root + "/metrics/qtickets_ingest.prom" }

    /// The arguments of a run: the shared files, then the directory.
    var arguments: [String] {
        ["--envfile", harnesses[names[0]]?.clickHouseEnvFile ?? "", "--envfile", sharedFile, "--organisers", directory]
    }

    func harness(_ name: String) -> IngestHarness {
        guard let harness = harnesses[name] else { preconditionFailure("no organiser \(name) in this deployment") }
        return harness
    }

    /// Starts every member's harness (nested: each is torn down, awaited, after `body`), writes
    /// the directory, runs `body`, removes the files.
    static func with<T>(_ members: [Member], _ body: (OrganiserDeployment) async throws -> T) async throws -> T {
        try await withHarnesses(members[...], started: [:]) { harnesses in
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("organisers-\(UUID().uuidString.prefix(8))").path
            let deployment = OrganiserDeployment(root: root, harnesses: harnesses, names: members.map(\.name))
            return try await withCleanup {
                try deployment.write()
                return try await body(deployment)
            } cleanup: {
                try? FileManager.default.removeItem(atPath: root)
            }
        }
    }

    private static func withHarnesses<T>(
        _ members: ArraySlice<Member>, started: [String: IngestHarness], _ body: ([String: IngestHarness]) async throws -> T
    ) async throws -> T {
        guard let member = members.first else { return try await body(started) }
        // An empty ORG_NAME is unset: the organiser is named after its file.
        var settings = ["ORG_NAME": ""]
        settings.merge(member.settings) { _, new in new }
        return try await IngestHarness.with(member.organiser, faults: member.faults, settings: settings) { harness in
            var more = started
            more[member.name] = harness
            return try await withHarnesses(members.dropFirst(), started: more, body)
        }
    }

    private func write() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try manager.createDirectory(atPath: root + "/metrics", withIntermediateDirectories: true)
        try "INGEST_PROM_FILE=\(prometheusFile)\n".write(toFile: sharedFile, atomically: true, encoding: .utf8)
        for name in names {
            let file = "\(directory)/\(name).env"
            try manager.copyItem(atPath: harness(name).envFile, toPath: file)
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    /// The Prometheus file of `name` (``prometheusFile`` with the name before `.prom`).
    func prometheusFile(of name: String) -> String { root + "/metrics/qtickets_ingest.\(name).prom" }
}
