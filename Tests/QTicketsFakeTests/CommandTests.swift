import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TestSupport

@testable import QTicketsFake

/// The `qtickets-fake` executable as scripts use it: `serve` prints its URL on line 1 and
/// serves the same organiser that `truth` describes, then stops cleanly on SIGTERM.
@Suite struct CommandTests {
    /// `QT_FAKE_BIN`, else the package's own build products (built by `swift build --build-tests`).
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["QT_FAKE_BIN"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for configuration in ["debug", "release"] {
            let candidate = root.appendingPathComponent(".build/\(configuration)/qtickets-fake")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CommandError.missing("qtickets-fake not built: run `swift build --build-tests` or set QT_FAKE_BIN")
    }

    enum CommandError: Error { case missing(String), noURL(String) }

    /// Starts `qtickets-fake serve ARGS`; returns the process and the base URL of its line 1.
    static func serve(_ arguments: [String]) async throws -> (Process, String) {
        let serve = Process()
        serve.executableURL = try binary()
        serve.arguments = ["serve"] + arguments
        let stdout = Pipe()
        serve.standardOutput = stdout
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        let firstLine = try await Task.detached { () throws -> String in
            var bytes: [UInt8] = []
            while let byte = try stdout.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        let prefix = "QTICKETS_API_BASE_URL="
        guard firstLine.hasPrefix(prefix) else {
            serve.terminate()
            throw CommandError.noURL(firstLine)
        }
        return (serve, String(firstLine.dropFirst(prefix.count)))
    }

    @Test func serveAndTruthAgree() async throws {
        let binary = try Self.binary()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qtickets-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["--seed", "5", "--orders", "700", "--events", "9", "--now", "1764370000", "--new-orders", "20", "--refunds", "5"]

        let truthRun = Process()
        truthRun.executableURL = binary
        truthRun.arguments = ["truth"] + common + ["-o", dir.appendingPathComponent("truth.json").path]
        try truthRun.run()
        #expect(await truthRun.exitStatus() == 0)
        let truth = try GroundTruth.decode(from: Data(contentsOf: dir.appendingPathComponent("truth.json")))

        // The library with the same spec gives the same truth.
        var organiser = Organiser.generate(
            OrganiserSpec(seed: 5, events: 9, orders: 700), now: Date(timeIntervalSince1970: 1_764_370_000))
        organiser.mutate(seed: 7, newOrders: 20, refunds: 5, cancellations: 0, now: Date(timeIntervalSince1970: 1_764_370_000))
        #expect(organiser.groundTruth() == truth)

        let statsFile = dir.appendingPathComponent("stats.json")
        let (serve, baseURL) = try await Self.serve(["--token", "cli-token", "--threads", "1", "--stats-out", statsFile.path] + common)
        defer { if serve.isRunning { serve.terminate() } }

        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var request = HTTPClientRequest(url: baseURL + "/orders")
        request.headers.add(name: "Authorization", value: "Bearer cli-token")
        request.body = .bytes(ByteBuffer(string: "{\"page\":15}"))
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 24)
        try await client.shutdown()
        #expect(response.status == .ok)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        #expect((json?["paging"] as? [String: Int])?["total"] == 720)
        #expect((json?["data"] as? [[String: Any]])?.last?["id"] as? Int == organiser.orders.last?.id)

        serve.terminate()  // SIGTERM: the server writes its stats and exits 0
        #expect(await serve.exitStatus() == 0)
        let stats = try JSONDecoder().decode(FakeServerStats.self, from: Data(contentsOf: statsFile))
        #expect(stats.totalRequests == 1 && stats.ordersServed == 20)
    }
}
