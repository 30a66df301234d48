import Foundation
import Testing
import TestSupport

/// The one-process systemd unit (`--organisers`) keeps every protection of the per-organiser
/// template (`scripts/check-units.sh` verifies its syntax with the others).
@Suite struct OrganiserUnitTests {
    static let units = Repository.url("configs/systemd").path

    @Test func theOrganisersUnitIsHardenedLikeTheTemplateAndRunsTheDirectory() throws {
        let template = try String(contentsOfFile: Self.units + "/qtickets-ingest@.service", encoding: .utf8)
        let unit = try String(contentsOfFile: Self.units + "/qtickets-ingest-organisers.service", encoding: .utf8)
        let hardening = template.components(separatedBy: "# Hardening:").last?.split(separator: "\n").dropFirst()
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("StateDirectory=") } ?? []
        #expect(hardening.count > 20)
        for line in hardening { #expect(unit.contains("\n" + line + "\n"), "missing: \(line)") }
        #expect(unit.contains("--organisers /etc/qtickets-ingest/organisers"))
        #expect(unit.contains("\nEnvironment=CLICKHOUSE_PASSWORD_FILE=%d/clickhouse_password\n"))
        // Per-organiser keys in the environment would be every organiser's: a configuration error.
        for key in ["QTICKETS_API_TOKEN", "CLICKHOUSE_DB=", "ORG_NAME="] {
            #expect(!unit.contains("Environment=" + key), "\(key) set for every organiser")
        }
        let timer = try String(contentsOfFile: Self.units + "/qtickets-ingest-organisers.timer", encoding: .utf8)
        #expect(timer.contains("\nUnit=qtickets-ingest-organisers.service\n"))
    }
}
