import Foundation
import Testing
import TestSupport

/// Every unit in configs/systemd/ passes `systemd-analyze verify` (scripts/check-units.sh: a
/// scratch root, so no running systemd is needed), and the check does catch a broken unit.
@Suite struct SystemdUnitTests {
    static let script = Repository.url("scripts/check-units.sh").path
    static let units = Repository.url("configs/systemd").path

    @Test func everyUnitVerifies() async throws {
        let check = try await ExternalTool.run(Self.script, [])
        #expect(check.status == 0, "\(check.all)")
        #expect(check.stdout.contains("qtickets-ingest@example.service") && check.stdout.contains("qtickets-ingest@example.timer"))
    }

    @Test func aMistakeInAUnitFailsTheCheck() async throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.units, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let template = copy + "/qtickets-ingest@.service"
        let text = try String(contentsOfFile: template, encoding: .utf8)
        try text.replacingOccurrences(of: "ProtectSystem=strict", with: "ProtectSystem=strickt").write(toFile: template, atomically: true, encoding: .utf8)
        let check = try await ExternalTool.run(Self.script, [copy])
        #expect(check.status != 0)
        #expect(check.stderr.contains("strickt"))
    }

    /// The hardening and the credentials the README promises.
    @Test func theTemplateUnitIsHardenedAndTakesItsSecretsAsCredentials() throws {
        let text = try String(contentsOfFile: Self.units + "/qtickets-ingest@.service", encoding: .utf8)
        for line in [
            "User=qtickets-ingest", "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes", "OnFailure=qtickets-ingest-failure@%n.service",
            "LoadCredential=qtickets_api_token:/etc/qtickets-ingest/%i/qtickets_api_token",
            "LoadCredential=clickhouse_password:/etc/qtickets-ingest/%i/clickhouse_password",
            "Environment=QTICKETS_API_TOKEN_FILE=%d/qtickets_api_token", "Environment=CLICKHOUSE_PASSWORD_FILE=%d/clickhouse_password",
            "TimeoutStopSec=300",
        ] {
            #expect(text.contains("\n" + line + "\n"), "missing: \(line)")
        }
    }
}
