import Foundation
import Ingest
import QTicketsFake
import TestSupport
import Testing

/// Issue 9.6: a hostile or broken API cannot crash or exhaust the process. Each answer is
/// served for real by the fake over HTTP; each run ends recorded (never left `running`), with a
/// typed error where the answer cannot be used.
@Suite(.serialized) struct HostileAPITests {
    static let generatedAt = Date(timeIntervalSince1970: 1_764_500_000)
    static let spec = OrganiserSpec(seed: 29, events: 5, maxShowsPerEvent: 2, orders: 300, maxTicketsPerOrder: 3, historyHours: 24 * 10)
    /// Short deadlines and few attempts: each failure is reached in seconds.
    static let settings = ["QTICKETS_API_TIMEOUT_SECONDS": "2", "QTICKETS_API_MAX_ATTEMPTS": "2"]

    static func recordedStatus(_ harness: IngestHarness, _ report: RunReport) async throws -> String {
        try await harness.scalar("SELECT status FROM \(harness.table("meta_job_runs")) FINAL WHERE run_id = '\(report.runID)'")
    }

    @Test(arguments: [
        (FaultPlan.Hostile.Kind.defaultHugeBody, "is larger than"),
        (.defaultHugeString, "is larger than"),
        (.defaultDeepNesting, "on orders"),
        (.html, "not valid JSON"),
        (.trickle(bytesPerTick: 4, intervalMilliseconds: 200), "timeout"),
    ])
    func aHostileOrdersAnswerEndsTheRunAsARecordedTypedError(_ kind: FaultPlan.Hostile.Kind, _ expected: String) async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        // Only the trickle is meant to meet the deadline. The others must be stopped by what they
        // are: deflating and inflating 32 MiB in a debug build, while the rest of the suite runs
        // beside it, took more than 2 s once (the huge body ended as a timeout).
        let timeout = expected == "timeout" ? Self.settings : Self.settings.merging(["QTICKETS_API_TIMEOUT_SECONDS": "30"]) { $1 }
        try await IngestHarness.with(organiser, faults: FaultPlan(hostileOrders: .init(kind)), settings: timeout) { harness in
            let report = try await harness.run(sinceHours: 24 * 11, now: Self.generatedAt.addingTimeInterval(60))
            #expect(report.status == .error)
            #expect(report.message.contains(expected), "\(kind.name): \(report.message)")
            #expect(try await Self.recordedStatus(harness, report) == "error")
            #expect(await harness.fake.stats().hostileAnswers[kind.name, default: 0] >= 1)
        }
    }

    /// `paging.total` = 9223372036854775000 used to trap in `Paging.pageCount`, killing the
    /// process with the run left `running`. Now the listing ends at the first empty page.
    @Test func aTotalNear2To63NeitherTrapsNorLosesAnything() async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser, faults: FaultPlan(hostileOrders: .init(.hugeTotal)), settings: Self.settings) { harness in
            let report = try await harness.run(sinceHours: 24 * 11, now: Self.generatedAt.addingTimeInterval(60))
            #expect(try await Self.recordedStatus(harness, report) == report.status.rawValue)
            #expect(await harness.fake.stats().hostileAnswers["huge-total", default: 0] >= 1)
            if report.status == .ok { try await expectEqualToTruth(harness, organiser.groundTruth()) }
        }
    }

    /// Through the real command, in a process of its own: the 200 MB body (its Content-Length
    /// says so) and an endless chunked body streamed as fast as the fake can (64 KB a
    /// millisecond, no length: the limit is enforced while it streams) are each refused at the
    /// 32 MiB limit, exit 1, recorded, and the process's peak RSS stays far below the body
    /// (sampled from /proc while it runs).
    @Test(arguments: [FaultPlan.Hostile.Kind.defaultHugeBody, .trickle(bytesPerTick: 65_536, intervalMilliseconds: 1)])
    func aHugeBodyIsRefusedInBoundedMemory(_ kind: FaultPlan.Hostile.Kind) async throws {
        let organiser = Organiser.generate(Self.spec, now: Self.generatedAt)
        try await IngestHarness.with(organiser, faults: FaultPlan(hostileOrders: .init(kind)), settings: Self.settings) { harness in
            let peak = PeakRSS()
            let output = try await CommandRunner.run(
                ["--envfile", harness.clickHouseEnvFile, "--envfile", harness.envFile, "--since-hours", "240"]
            ) { pid in await peak.sample(pid: pid) }
            #expect(output.status == IngestExitCode.runFailed.rawValue, "\(output.stderr)")
            #expect(output.stderr.contains("is larger than"))
            #expect(try await harness.scalar("SELECT status FROM \(harness.table("meta_job_runs")) FINAL") == "error")
            let megabytes = await peak.megabytes
            print("HostileAPITests: peak RSS of qtickets-ingest during the \(kind) answer: \(megabytes) MB")
            #expect(megabytes > 0 && megabytes < 150, "peak RSS \(megabytes) MB")
        }
    }
}

/// The largest `VmHWM` (peak resident set) of a process, read from /proc every few
/// milliseconds on a thread of its own until the process is gone.
actor PeakRSS {
    private(set) var kilobytes = 0
    var megabytes: Int { kilobytes / 1024 }

    func sample(pid: Int32) async {
        let peak = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var peak = 0
                while let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
                    let digits = line.filter(\.isNumber)
                    peak = max(peak, Int(digits) ?? 0)
                    usleep(2_000)
                }
                continuation.resume(returning: peak)
            }
        }
        kilobytes = max(kilobytes, peak)
    }
}
