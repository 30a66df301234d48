import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TestSupport

@testable import QTicketsFake

/// The new behaviours reached from the command line, as scripts and benchmarks use them.
@Suite struct CommandFaultTests {
    func get(_ client: HTTPClient, _ url: String, body: String = "{}") async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer cli-token")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return (try JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]) ?? [:]
    }

    @Test func serveFlagsReachTheNewFaultsAndTheTruthFollowsTheChurn() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qtickets-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let o = Organiser.generate(OrganiserSpec(seed: 5, events: 9, orders: 400), now: Date(timeIntervalSince1970: 1_764_370_000))
        let show = try #require(o.groundTruth().inventory.keys.min())
        let bad = o.orders[1].id
        let truthFile = dir.appendingPathComponent("truth.json")
        let (serve, baseURL) = try await CommandTests.serve([
            "--token", "cli-token", "--threads", "1", "--seed", "5", "--events", "9", "--orders", "400", "--now", "1764370000",
            "--delete-show", "\(show)", "--max-per-page", "100", "--clock-offset-seconds", "240",
            "--churn-every", "1", "--churn-orders", "3", "--churn-max-rounds", "2",
            "--bad-record", "\(bad):negative-quantity", "--failing-seats", "\(show + 1):503",
            "--hostile", "huge-total", "--hostile-page", "4", "--truth-out", truthFile.path,
        ])
        defer { if serve.isRunning { serve.terminate() } }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let first = try await get(client, baseURL + "/orders", body: "{\"per_page\":100}")
        #expect((first["paging"] as? [String: Any])?["perPage"] as? Int == 100)
        _ = try await get(client, baseURL + "/orders", body: "{\"per_page\":100,\"page\":2}")
        let root = baseURL.replacingOccurrences(of: "/api/rest/v1", with: "")
        let stats = try await get(client, root + "/__fake/stats")
        #expect(stats["churnRounds"] as? Int == 2 && stats["badRecordsServed"] as? Int == 1)
        let truth = try await client.execute(HTTPClientRequest(url: root + "/__fake/truth"), timeout: .seconds(10))
        let served = try GroundTruth.decode(from: Data(buffer: try await truth.body.collect(upTo: 1 << 24)))
        #expect(served.inventory[show] == nil)
        #expect(served.nowEpoch >= 1_764_370_240)  // churn stamped by the clock running 4 minutes ahead
        try await client.shutdown()

        serve.terminate()
        #expect(await serve.exitStatus() == 0)
        // Rewritten on shutdown: the churned organiser without the bad record, as served.
        let written = try GroundTruth.decode(from: Data(contentsOf: truthFile))
        #expect(written == served)
        #expect(written != o.groundTruth())
    }

    @Test func badFlagValuesAreUsageErrors() async throws {
        for arguments in [["--bad-record", "12:nonsense"], ["--failing-seats", "x:503"], ["--hostile", "huge-body:-3"], ["--churn-every", "0"]] {
            let process = Process()
            process.executableURL = try CommandTests.binary()
            process.arguments = ["serve", "--token", "t"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            #expect(await process.exitStatus() == 64, "\(arguments)")
        }
    }
}
