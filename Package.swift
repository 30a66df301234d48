// swift-tools-version:6.1
import PackageDescription

// One module per concern; arrows point one way:
//   qtickets-ingest → Ingest → {QTicketsAPI, ClickHouseHTTP} → ClientSupport
//   qtickets-fake   → QTicketsFake (independent of QTicketsAPI's models on purpose)
// Every target names exactly the modules it imports.
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

/// A module of swift-nio (NIOCore, NIOHTTP1, …).
func nio(_ module: String) -> Target.Dependency { .product(name: module, package: "swift-nio") }
let asyncHTTPClient: Target.Dependency = .product(name: "AsyncHTTPClient", package: "async-http-client")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let nioSSL: Target.Dependency = .product(name: "NIOSSL", package: "swift-nio-ssl")
/// libdeflate's static archive, for the targets that import CLibdeflate: the release binary
/// then needs no libdeflate on the server (scripts/check-release.sh fails if it does).
let staticLibdeflate: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "-l:libdeflate.a"])]

let package = Package(
    name: "qtickets-ingest",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qtickets-ingest", targets: ["qtickets-ingest"]),
        .executable(name: "qtickets-fake", targets: ["qtickets-fake"]),
        .library(name: "ClickHouseHTTP", targets: ["ClickHouseHTTP"]),
        .library(name: "QTicketsAPI", targets: ["QTicketsAPI"]),
        .library(name: "QTicketsFake", targets: ["QTicketsFake"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        // Test and benchmark data for the writer (not used by the product).
        .library(name: "ClickHouseHTTPFixtures", targets: ["ClickHouseHTTPFixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already a dependency of async-http-client; named here for TLSConfiguration (CA file).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Building blocks both HTTP clients share (backoff, secrets, service URLs), so neither
        // client imports the other.
        .target(name: "ClientSupport", swiftSettings: strict),
        // zlib through the system library (zlib1g-dev): gzip answers that still stream, the fake's gzip.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate (libdeflate-dev): whole gzip bodies, both ways: answers inflated about 3x
        // faster than with zlib, INSERT bodies deflated about 2x faster. Linked statically
        // (staticLibdeflate).
        .systemLibrary(name: "CLibdeflate", path: "Sources/CLibdeflate", providers: [.apt(["libdeflate-dev"])]),
        .target(
            name: "ClickHouseHTTP",
            dependencies: ["CLibdeflate", "ClientSupport", asyncHTTPClient, nio("NIOCore"), nio("NIOHTTP1"), nioSSL, logging],
            swiftSettings: strict,
            linkerSettings: staticLibdeflate
        ),
        .target(
            name: "QTicketsAPI",
            dependencies: ["CLibdeflate", "CZlib", "ClientSupport", asyncHTTPClient, nio("NIOCore"), nio("NIOHTTP1"), nio("NIOFoundationCompat"), logging],
            swiftSettings: strict,
            linkerSettings: staticLibdeflate
        ),
        .target(
            name: "QTicketsFake",
            dependencies: ["CZlib", nio("NIOCore"), nio("NIOPosix"), nio("NIOHTTP1"), nio("NIOFoundationCompat")],  // CZlib: gzip answers
            swiftSettings: strict
        ),
        .target(name: "Ingest", dependencies: ["ClickHouseHTTP", "ClientSupport", "QTicketsAPI", logging], swiftSettings: strict),
        // The commit scripts/release.sh stamps into the binary (-Xcc -DQT_BUILD_COMMIT=…).
        .target(name: "CBuildInfo"),
        .executableTarget(
            name: "qtickets-ingest",
            dependencies: ["CBuildInfo", "Ingest", argumentParser, logging],
            swiftSettings: strict
        ),
        .executableTarget(name: "qtickets-fake", dependencies: ["QTicketsFake", argumentParser], swiftSettings: strict),
        // Decoding throughput of order pages vs Python's json.loads (scripts/bench-decode.sh).
        .executableTarget(
            name: "qtickets-bench-decode",
            dependencies: ["ClientSupport", "QTicketsAPI", "QTicketsFake", logging, nio("NIOCore")],
            swiftSettings: strict
        ),
        .target(name: "ClickHouseHTTPFixtures", dependencies: ["ClickHouseHTTP"], swiftSettings: strict),
        // scripts/bench-writer.sh: the writer side of the writer-vs-curl benchmark.
        .executableTarget(
            name: "qtickets-bench-writer",
            dependencies: ["ClickHouseHTTP", "ClickHouseHTTPFixtures", "ClientSupport", logging],
            swiftSettings: strict
        ),
        // What every test target shares: the repository root, the golden samples, the real
        // ClickHouse's env file (and client configurations for it), awaited cleanup, the fault
        // proxy, scratch databases, the end-to-end harness (the fake API on loopback + a fresh
        // database + runs through `Ingestion`) and the command runner.
        .target(
            name: "TestSupport",
            dependencies: [
                "ClickHouseHTTP", "ClientSupport", "Ingest", "QTicketsFake", asyncHTTPClient, logging,
                nio("NIOConcurrencyHelpers"), nio("NIOCore"), nio("NIOHTTP1"), nio("NIOPosix"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "ClientSupportTests", dependencies: ["ClientSupport"], swiftSettings: strict),
        .testTarget(
            name: "ClickHouseHTTPTests",
            dependencies: [
                "ClickHouseHTTP", "ClickHouseHTTPFixtures", "ClientSupport", "CZlib", "TestSupport",
                asyncHTTPClient, nio("NIOCore"), logging,
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QTicketsAPITests",
            dependencies: [
                "ClickHouseHTTP", "ClientSupport", "QTicketsAPI", "QTicketsFake", "TestSupport",
                asyncHTTPClient, nio("NIOConcurrencyHelpers"), nio("NIOCore"), logging,
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QTicketsFakeTests",
            dependencies: ["QTicketsFake", "TestSupport", asyncHTTPClient, nio("NIOCore"), nio("NIOFoundationCompat"), nio("NIOHTTP1")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["ClickHouseHTTP", "Ingest", "QTicketsAPI", "QTicketsFake", "TestSupport", logging],
            swiftSettings: strict
        ),
        // The configuration keys and the documentation generated from them.
        .testTarget(
            name: "ConfigurationTests",
            dependencies: ["ClickHouseHTTP", "ClientSupport", "Ingest", "QTicketsAPI", "TestSupport"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
